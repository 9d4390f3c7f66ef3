#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// How loancheck runs a script on Spark: `spark-submit` with a small Python driver that executes the
/// statements in order (split at lines holding only `;`) and writes the last one's rows as CSV, NULL
/// as `SQLResult.null`. ANSI mode is set by the script itself (`SQLDialect.sessionSettings`).
enum SparkRunner {
    static let source = #"""
    import csv
    import sys

    from pyspark.sql import SparkSession

    script_path, output_path = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("loancheck").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    with open(script_path, encoding="utf-8") as handle:
        text = handle.read()
    statements = []
    current = []
    for line in text.split("\n"):
        if line == ";":
            statement = "\n".join(current).strip()
            if statement:
                statements.append(statement)
            current = []
        else:
            current.append(line)
    if not statements:
        sys.exit("loancheck: the script holds no statement")
    for statement in statements[:-1]:
        words = statement.split()
        if len(words) == 3 and words[0].upper() == "CACHE" and words[1].upper() == "TABLE":
            # Materialised and cut from its lineage: a cached view keeps the plan of every view it
            # reads, so each later plan (and the plan text Spark builds for every query) nests them all.
            spark.table(words[2]).localCheckpoint(eager=True).createOrReplaceTempView(words[2])
        else:
            spark.sql(statement)
    result = spark.sql(statements[-1])
    with open(output_path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.toLocalIterator():
            writer.writerow(["\x1e" if value is None else str(value) for value in row])
    spark.stop()
    """#

    /// A local Spark of two cores unless the user's `spark-submit` configuration says otherwise
    /// (`SPARK_MASTER`, or `--master` in `spark-defaults.conf`).
    static var submitArguments: [String] {
        let master = getenv("SPARK_MASTER").map { String(cString: $0) } ?? "local[2]"
        // Few shuffle partitions: the result's many small sections would otherwise run 200 tasks each.
        // The plan's text (written for every query's execution event) is bounded: the audit's plan is
        // large, and its full text alone exhausted a 2 GB driver.
        return ["--master", master, "--driver-memory", "2g", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.sql.maxPlanStringLength=65536",
                "--driver-java-options", "-Dlog4j2.level=error"]
    }

    /// The Python beside `spark-submit` (a virtual environment's), else `python3`.
    static func python(beside executable: String) -> String {
        if let existing = getenv("PYSPARK_PYTHON").map({ String(cString: $0) }), !existing.isEmpty { return existing }
        guard let slash = executable.lastIndex(of: "/") else { return "python3" }
        let candidate = executable[..<slash] + "/python3"
        return access(String(candidate), X_OK) == 0 ? String(candidate) : "python3"
    }
}
