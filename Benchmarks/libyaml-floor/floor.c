/* The floor for the audit benchmark: libyaml's event parser alone over the same files, nothing else.
 * Usage: floor FILE...   (or: floor --list LISTFILE, one path per line)
 * Prints the number of files and events; exits 1 on a parse error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static long parse_file(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { fprintf(stderr, "cannot open %s\n", path); exit(2); }
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, file);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: %s\n", path, parser.problem ? parser.problem : "error");
            exit(1);
        }
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return events;
}

int main(int argc, char **argv) {
    long files = 0, events = 0;
    if (argc == 3 && strcmp(argv[1], "--list") == 0) {
        FILE *list = fopen(argv[2], "r");
        if (!list) { fprintf(stderr, "cannot open %s\n", argv[2]); return 2; }
        char line[4096];
        while (fgets(line, sizeof line, list)) {
            line[strcspn(line, "\n")] = 0;
            if (!*line) continue;
            events += parse_file(line);
            files++;
        }
        fclose(list);
    } else {
        for (int i = 1; i < argc; i++) { events += parse_file(argv[i]); files++; }
    }
    printf("%ld files, %ld events\n", files, events);
    return 0;
}
