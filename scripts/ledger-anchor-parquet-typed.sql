-- The tables of the DuckDB anchor read from the typed Parquet copy of a generated tape
-- (scripts/benchmark-sql.sh with PARQUET=typed; docs/performance.md, "SQL engines (issue 19)"): dates
-- DATE, `secured` BOOLEAN, money DECIMAL(18,2), `apr` and `share` fractions DECIMAL(18,10) (0.235 for
-- 23.5%), the other columns VARCHAR. Run like scripts/ledger-anchor-parquet.sql, followed by the rules of
-- scripts/ledger-anchor.sql.
--
-- What the cell spelling checks on text, the values check here: money with at most 2 decimals and
-- fractions with at most 10 (a cast to that scale changes nothing), so a wider column type is still
-- validated. A column of another type fails the casts or the comparisons (fail closed).

SET preserve_insertion_order = false;

CREATE TEMP TABLE loans AS
SELECT loan_id, lender, borrower_id, borrower_type, purpose, coalesce(CAST(secured AS BOOLEAN), false) AS secured,
       CAST(contract_date AS DATE) AS contract_date, CAST(disbursed_on AS DATE) AS disbursed_on,
       CAST(principal AS DECIMAL(38,10)) AS principal, CAST(balance AS DECIMAL(38,10)) AS balance,
       CAST(credit_line AS DECIMAL(38,10)) AS credit_line, CAST(apr AS DECIMAL(38,10)) AS apr,
       CAST(principal AS DECIMAL(18,2)) = principal AND CAST(balance AS DECIMAL(18,2)) = balance
           AND (credit_line IS NULL OR CAST(credit_line AS DECIMAL(18,2)) = credit_line)
           AND (apr IS NULL OR CAST(apr AS DECIMAL(38,10)) = apr) AS spelled_ok,
       region
FROM read_parquet('loans.parquet');

CREATE TEMP TABLE fundings AS
SELECT loan_id, institution, CAST(share AS DECIMAL(38,10)) AS share, CAST(share AS DECIMAL(38,10)) = share AS spelled_ok
FROM read_parquet('fundings.parquet');

CREATE TEMP TABLE borrower_groups AS
SELECT borrower_id, "group" FROM read_parquet('borrower-groups.parquet');

