-- The tables of the DuckDB anchor (scripts/ledger-anchor.sql) read from the Parquet copy of a generated
-- tape whose columns are the canonical text cells (docs/performance.md, "SQL engines (issue 19)"):
-- loans.parquet, fundings.parquet, borrower-groups.parquet, every column VARCHAR, an empty cell NULL.
-- The validation and the fourteen rules are those of the CSV anchor, from its line "Shared with the
-- Parquet anchor" on; scripts/benchmark-sql.sh runs this file followed by them, in the tape's directory:
--
--   cd DIR && { cat scripts/ledger-anchor-parquet.sql; sed -n '/^-- Shared with the Parquet anchor/,$p' \
--       scripts/ledger-anchor.sql; } | duckdb -cmd "SET VARIABLE as_of = DATE '2026-11-22'"
--
-- The same parsing as from CSV: dates and flags cast (a cell that does not parse stops the script),
-- money and percent cells checked against their spelling and parsed through DECIMAL(18,2) /
-- DECIMAL(18,4) before widening to DECIMAL(38,10), a percentage × 0.01.

SET preserve_insertion_order = false;

CREATE TEMP TABLE loans AS
SELECT loan_id, lender, borrower_id, borrower_type, purpose, coalesce(CAST(secured AS BOOLEAN), false) AS secured,
       CAST(contract_date AS DATE) AS contract_date, CAST(disbursed_on AS DATE) AS disbursed_on,
       CAST(CAST(principal AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS principal,
       CAST(CAST(balance AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS balance,
       CAST(CAST(credit_line AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS credit_line,
       CAST(CAST(rtrim(apr, '%') AS DECIMAL(18,4)) * 0.01 AS DECIMAL(38,10)) AS apr,
       regexp_full_match(principal, '[0-9]+(\.[0-9]{1,2})?') AND regexp_full_match(balance, '[0-9]+(\.[0-9]{1,2})?')
           AND (credit_line IS NULL OR regexp_full_match(credit_line, '[0-9]+(\.[0-9]{1,2})?'))
           AND (apr IS NULL OR regexp_full_match(apr, '[0-9]+(\.[0-9]{1,4})?%')) AS spelled_ok,
       region
FROM read_parquet('loans.parquet');

CREATE TEMP TABLE fundings AS
SELECT loan_id, institution, CAST(CAST(rtrim(share, '%') AS DECIMAL(18,4)) * 0.01 AS DECIMAL(38,10)) AS share,
       regexp_full_match(share, '[0-9]+(\.[0-9]{1,4})?%') AS spelled_ok
FROM read_parquet('fundings.parquet');

CREATE TEMP TABLE borrower_groups AS
SELECT borrower_id, "group" FROM read_parquet('borrower-groups.parquet');

