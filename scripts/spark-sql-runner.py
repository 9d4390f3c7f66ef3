"""Runs an SQL script on Spark and prints the rows of its last statement, for loancheck's Spark engine.

    spark-submit [--master local[2]] scripts/spark-sql-runner.py [options] SCRIPT.sql   (or - for stdin)

Statements: the script is split on `;` outside string literals, quoted identifiers and comments (the
splitter knows '…' and "…" with backslash escapes and doubled quotes, `…` with doubled backticks,
-- line comments and /* */ comments, nested like Spark's parser). A line holding only `;` is therefore
a separator too. Empty statements are skipped. Statements run in order in one session; the last one's
rows are printed. The script is read as UTF-8 (a leading BOM is ignored).

Semantics are fixed before the first statement and checked (a session that refuses them is an error):
spark.sql.ansi.enabled=true (overflow, bad casts and division by zero raise errors instead of giving
NULL), spark.sql.decimalOperations.allowPrecisionLoss=false (a DECIMAL product or sum that needs more
than 38 digits overflows instead of being rounded), spark.sql.session.timeZone=UTC. `--conf K=V` sets
more SQL settings before the script runs.

Output: under spark-submit the Python process's stderr is merged into its stdout (Spark's PythonRunner
does that), so give `--output FILE`: the rows are written to FILE.tmp-PID and renamed to FILE only
after the query has completed in full (collect) and been written, so FILE exists only for a complete
result (a driver deletes FILE before the run and reads it after exit status 0). Without --output
(or with `--output -`) the rows go to stdout, which is clean only when the runner is started by the
venv's python directly (`python spark-sql-runner.py …`: pyspark then launches the JVM itself, whose
log goes to stderr). Formats, UTF-8:
  --format csv (default): a header line, then one line per row, RFC 4180 with LF line ends. NULL is an
    empty unquoted field; an empty string is "" (always quoted), so the two stay distinct; a field
    holding `,` `"` CR or LF is quoted with `"` doubled.
  --format jsonl: one JSON array per row, no header; the first line is the array of column names.
Values are printed exactly: DECIMAL in plain notation with its scale (0.000000000000, never 0E-12),
integers as digits, booleans as true/false, DATE as YYYY-MM-DD, TIMESTAMP in ISO form (UTC), strings
as they are. Other types (arrays, maps, structs, doubles) are refused: the compiled SQL never returns
them, and a refusal is safer than a lossy print.
A last line `-- rows: N` goes to stderr (merged into stdout under spark-submit). Exit status: 0 on success; 1 on any error (the message of the
failing statement, with its number and first line, on stderr); 2 on bad usage.
"""

import argparse
import datetime
import decimal
import json
import os
import sys

REQUIRED = {
    "spark.sql.ansi.enabled": "true",
    "spark.sql.decimalOperations.allowPrecisionLoss": "false",
    "spark.sql.session.timeZone": "UTC",
}


def split_statements(text):
    """Splits an SQL script on top-level semicolons; returns the non-empty statements, stripped."""
    out, buf, i, n = [], [], 0, len(text)
    while i < n:
        c = text[i]
        if c in ("'", '"', "`"):
            j = i + 1
            while j < n:
                if text[j] == "\\" and c != "`":
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:  # doubled quote
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                raise ValueError("unterminated quoted text starting at offset %d" % i)
            buf.append(text[i:j + 1])
            i = j + 1
        elif c == "-" and text.startswith("--", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            buf.append(text[i:j])
            i = j
        elif c == "/" and text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            if depth:
                raise ValueError("unterminated comment starting at offset %d" % i)
            buf.append(text[i:j])
            i = j
        elif c == ";":
            out.append("".join(buf))
            buf = []
            i += 1
        else:
            buf.append(c)
            i += 1
    out.append("".join(buf))
    return [s.strip() for s in out if _has_code(s)]


def _has_code(stmt):
    """True when a statement holds more than blanks and comments."""
    try:
        rest = stmt
        while True:
            rest = rest.lstrip()
            if rest.startswith("--"):
                k = rest.find("\n")
                rest = "" if k < 0 else rest[k + 1:]
            elif rest.startswith("/*"):
                k = rest.find("*/")
                rest = "" if k < 0 else rest[k + 2:]
            else:
                return bool(rest)
    except Exception:  # pragma: no cover - defensive
        return True


def render(value, dtype):
    """The exact text of one value (None for NULL)."""
    from pyspark.sql import types as T

    if value is None:
        return None
    if isinstance(dtype, T.StringType) or isinstance(dtype, T.VarcharType) or isinstance(dtype, T.CharType):
        return value
    if isinstance(dtype, T.BooleanType):
        return "true" if value else "false"
    if isinstance(dtype, (T.ByteType, T.ShortType, T.IntegerType, T.LongType)):
        return str(int(value))
    if isinstance(dtype, T.DecimalType):
        # format(…, 'f') keeps the scale and never uses an exponent.
        return format(decimal.Decimal(value), "f")
    if isinstance(dtype, T.DateType):
        return value.isoformat()
    if isinstance(dtype, (T.TimestampType, T.TimestampNTZType)):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.isoformat(sep=" ")
    raise TypeError("column type %s is not printed (only text, integer, decimal, boolean, date, timestamp)"
                    % dtype.simpleString())


def csv_field(text):
    if text is None:
        return ""
    if text == "" or any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def main(argv):
    p = argparse.ArgumentParser(prog="spark-sql-runner.py", description=__doc__.split("\n")[0])
    p.add_argument("script", help="SQL script file, or - for stdin")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    p.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                   help="an SQL setting applied before the script (repeatable)")
    p.add_argument("--output", default="-", metavar="FILE",
                   help="write the rows to FILE (atomically, only on success); - for stdout")
    p.add_argument("--app-name", default="loancheck")
    args = p.parse_args(argv)

    confs = {}
    for kv in args.conf:
        if "=" not in kv:
            p.error("--conf needs KEY=VALUE: %r" % kv)
        k, v = kv.split("=", 1)
        confs[k.strip()] = v.strip()

    try:
        if args.script == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(args.script, "rb") as f:
                text = f.read().decode("utf-8")
        text = text.lstrip("\ufeff")
        statements = split_statements(text)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("spark-sql-runner: cannot read %s: %s" % (args.script, e), file=sys.stderr)
        return 2
    if not statements:
        print("spark-sql-runner: %s holds no statement" % args.script, file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession
    from pyspark.logger import PySparkLogger

    # PySpark 4 logs every failed query's error (JSON, with the Java stack) before raising it; the
    # runner reports the error itself, once.
    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(100)

    builder = SparkSession.builder.appName(args.app_name)
    for k, v in REQUIRED.items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    status = 1
    try:
        spark.sparkContext.setLogLevel("ERROR")
        for k, v in list(REQUIRED.items()) + list(confs.items()):
            spark.conf.set(k, v)
        for k, v in REQUIRED.items():
            got = spark.conf.get(k)
            if got.lower() != v.lower():
                print("spark-sql-runner: the session has %s=%s, not %s" % (k, got, v), file=sys.stderr)
                return 1
        df = None
        for number, stmt in enumerate(statements, 1):
            try:
                df = spark.sql(stmt)
                if number < len(statements):
                    df.collect()  # commands run eagerly anyway; a query's errors surface here, in order
            except Exception as e:  # noqa: BLE001 - any failure is reported with its statement
                head = stmt.splitlines()[0][:200]
                print("spark-sql-runner: statement %d failed: %s\n  %s" % (number, head, _message(e)),
                      file=sys.stderr)
                return 1
        try:
            fields = df.schema.fields
            rows = df.collect()
            lines = [[render(r[i], f.dataType) for i, f in enumerate(fields)] for r in rows]
        except Exception as e:  # noqa: BLE001
            head = statements[-1].splitlines()[0][:200]
            print("spark-sql-runner: statement %d failed: %s\n  %s" % (len(statements), head, _message(e)),
                  file=sys.stderr)
            return 1
        names = [f.name for f in fields]
        if args.format == "csv":
            text = "".join(",".join(csv_field(v) for v in line) + "\n" for line in [names] + lines)
        else:
            text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in [names] + lines)
        data = text.encode("utf-8")
        if args.output == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            tmp = "%s.tmp-%d" % (args.output, os.getpid())
            try:
                with open(tmp, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, args.output)
            except OSError as e:
                print("spark-sql-runner: cannot write %s: %s" % (args.output, e), file=sys.stderr)
                return 1
        print("-- rows: %d" % len(lines), file=sys.stderr)
        status = 0
    finally:
        spark.stop()
    return status


def _message(e):
    """The Spark error message: the error class and text, then each JVM cause's first line (the root
    cause of a failed job, e.g. MALFORMED_CSV_RECORD, is several causes deep)."""
    get = getattr(e, "getMessage", None)  # pyspark.errors: the Spark message with its error class
    lines = [_first_lines(get() if callable(get) else str(e))]
    cause = getattr(e, "java_exception", None)
    seen = 0
    while cause is not None and seen < 8:
        try:
            text = cause.getMessage()
            cause = cause.getCause()
        except Exception:  # noqa: BLE001 - the JVM may be gone
            break
        seen += 1
        if text:
            first = _first_lines(str(text))
            if all(first not in l for l in lines):
                lines.append("caused by: " + first)
    return "\n  ".join(lines)


def _first_lines(text, limit=3):
    text = text.strip()
    cut = text.find("\n\tat ")  # Py4J appends the Java stack trace
    if cut >= 0:
        text = text[:cut]
    return "\n  ".join(text.splitlines()[:limit])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
