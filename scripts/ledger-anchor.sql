-- The DuckDB anchor of the ledger benchmark (docs/performance.md, "Ledger audits"): the validation and
-- the fourteen ledger rules of DESIGN §8.2, hand-written in DuckDB SQL over the CSV files of a tape made
-- by `AuditBenchmark generate-ledger`. It counts, per rule id, the failing loans or groups at the as-of
-- date, for comparison with `summary.byRule` of `loancheck audit DIR --as-of …`.
--
-- Run it in the tape's directory (scripts/benchmark-ledger.sh does):
--   cd DIR && duckdb -cmd "SET VARIABLE as_of = DATE '2026-11-22'" -f …/scripts/ledger-anchor.sql
--
-- Exact arithmetic throughout: money, shares and APRs are DECIMAL(38,10), funded parts DECIMAL products,
-- bounds compared without rounding; a percent cell is its number × 0.01, never a division (DuckDB divides
-- decimals in DOUBLE). Money and percent cells are read as text, checked against their spelling (at most
-- 2 decimals for money, 4 for a percentage: the "cell spelling" validation count) and parsed through
-- DECIMAL(18,2) / DECIMAL(18,4) before widening: read_csv parsing text straight into DECIMAL(38,10) was
-- ≈15× slower (15 s for the loans of a 1M-row tape, against 1 s), and DECIMAL(18,2) alone rounds a third
-- decimal silently, which the spelling check forbids. Institutions come from anchor/*.csv, the same facts
-- as institutions.yaml (DuckDB reads no YAML); regions are compared as written (the generator writes
-- canonical CN-XX codes; loancheck also accepts 广东 and GD).

SET preserve_insertion_order = false;

-- ---------------------------------------------------------------------------------------------------
-- Tables. Every column typed explicitly: a cell that does not parse stops the script (fail closed).
CREATE TEMP TABLE loans AS
SELECT loan_id, lender, borrower_id, borrower_type, purpose, coalesce(secured, false) AS secured,
       contract_date, disbursed_on,
       CAST(CAST(principal AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS principal,
       CAST(CAST(balance AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS balance,
       CAST(CAST(credit_line AS DECIMAL(18,2)) AS DECIMAL(38,10)) AS credit_line,
       CAST(CAST(rtrim(apr, '%') AS DECIMAL(18,4)) * 0.01 AS DECIMAL(38,10)) AS apr,
       regexp_full_match(principal, '[0-9]+(\.[0-9]{1,2})?') AND regexp_full_match(balance, '[0-9]+(\.[0-9]{1,2})?')
           AND (credit_line IS NULL OR regexp_full_match(credit_line, '[0-9]+(\.[0-9]{1,2})?'))
           AND (apr IS NULL OR regexp_full_match(apr, '[0-9]+(\.[0-9]{1,4})?%')) AS spelled_ok,
       region
FROM read_csv('loans.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              dateformat = '%Y-%m-%d',
              columns = {'loan_id': 'VARCHAR', 'lender': 'VARCHAR', 'product': 'VARCHAR', 'borrower_id': 'VARCHAR',
                         'borrower_type': 'VARCHAR', 'purpose': 'VARCHAR', 'secured': 'BOOLEAN',
                         'contract_date': 'DATE', 'disbursed_on': 'DATE', 'principal': 'VARCHAR',
                         'balance': 'VARCHAR', 'credit_line': 'VARCHAR', 'apr': 'VARCHAR', 'region': 'VARCHAR'});

CREATE TEMP TABLE fundings AS
SELECT loan_id, institution, CAST(CAST(rtrim(share, '%') AS DECIMAL(18,4)) * 0.01 AS DECIMAL(38,10)) AS share,
       regexp_full_match(share, '[0-9]+(\.[0-9]{1,4})?%') AS spelled_ok
FROM read_csv('fundings.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
              columns = {'loan_id': 'VARCHAR', 'institution': 'VARCHAR', 'share': 'VARCHAR'});

CREATE TEMP TABLE borrower_groups AS
SELECT * FROM read_csv('borrower-groups.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                       columns = {'borrower_id': 'VARCHAR', 'group': 'VARCHAR'});

-- Shared with the Parquet anchor (scripts/ledger-anchor-parquet.sql; scripts/benchmark-sql.sh runs its
-- tables, then everything from this line on): it reads the tables loans, fundings and borrower_groups.
CREATE TEMP TABLE inst AS
SELECT *, type IN ('national-bank', 'local-bank') AS is_bank
FROM read_csv('anchor/institutions.csv', header = true, auto_detect = false,
              columns = {'id': 'VARCHAR', 'type': 'VARCHAR', 'registered_in': 'VARCHAR', 'online_only': 'BOOLEAN',
                         'tier1_capital_net': 'DECIMAL(38,10)', 'total_loans': 'DECIMAL(38,10)',
                         'net_assets': 'DECIMAL(38,10)'});

-- Affiliate groups: the declared pairs made symmetric and closed transitively; a group is named by its
-- smallest member.
CREATE TEMP TABLE affiliate_group AS
WITH RECURSIVE
    edges AS (
        SELECT institution AS a, affiliate AS b FROM read_csv('anchor/affiliates.csv', header = true, auto_detect = false,
                                                              columns = {'institution': 'VARCHAR', 'affiliate': 'VARCHAR'})
    ),
    links AS (SELECT a, b FROM edges UNION SELECT b, a FROM edges),
    reach(id, member) AS (
        SELECT id, id FROM inst
        UNION
        SELECT r.id, l.b FROM reach r JOIN links l ON l.a = r.member
    )
SELECT id, min(member) AS grp, string_agg(member, ' ' ORDER BY member) AS members FROM reach GROUP BY id;

-- One-year LPR history (DESIGN §6).
CREATE TEMP TABLE lpr(start DATE, rate DECIMAL(38,10));
INSERT INTO lpr VALUES
    ('2019-08-20', 0.0425), ('2019-09-20', 0.0420), ('2019-11-20', 0.0415), ('2020-02-20', 0.0405),
    ('2020-04-20', 0.0385), ('2021-12-20', 0.0380), ('2022-01-20', 0.0370), ('2022-08-22', 0.0365),
    ('2023-06-20', 0.0355), ('2023-08-21', 0.0345), ('2024-07-22', 0.0335), ('2024-10-21', 0.0310),
    ('2025-05-20', 0.0300);

-- Each institution's funded part of each loan (§8.1): balance × share; a loan without fundings rows is
-- funded 100% by its lender.
CREATE TEMP TABLE funded AS
SELECT l.loan_id, l.lender, l.borrower_id, l.borrower_type, l.purpose,
       coalesce(f.institution, l.lender) AS funder,
       coalesce(f.share, CAST(1 AS DECIMAL(38,10))) AS share,
       l.balance * coalesce(f.share, CAST(1 AS DECIMAL(38,10))) AS part,
       f.loan_id IS NOT NULL AS joint
FROM loans l LEFT JOIN fundings f USING (loan_id);

-- ---------------------------------------------------------------------------------------------------
-- Validation (§8.1): every count must be 0 for the tape to be audited at all.
CREATE TEMP TABLE validation AS
          SELECT 'duplicate loan_id' AS problem, count(*) AS n FROM (SELECT loan_id FROM loans GROUP BY loan_id HAVING count(*) > 1)
UNION ALL SELECT 'missing required cell', count(*) FROM loans
          WHERE loan_id IS NULL OR lender IS NULL OR borrower_id IS NULL OR borrower_type IS NULL OR purpose IS NULL
             OR contract_date IS NULL OR disbursed_on IS NULL OR principal IS NULL OR balance IS NULL OR region IS NULL
UNION ALL SELECT 'bad borrower_type or purpose', count(*) FROM loans
          WHERE borrower_type NOT IN ('individual', 'business') OR purpose NOT IN ('consumption', 'business')
UNION ALL SELECT 'cell spelling (money, percent)', (SELECT count(*) FROM loans WHERE NOT spelled_ok)
                                                  + (SELECT count(*) FROM fundings WHERE NOT spelled_ok)
UNION ALL SELECT 'balance above principal', count(*) FROM loans WHERE balance > principal
UNION ALL SELECT 'unknown lender', count(*) FROM loans ANTI JOIN inst ON inst.id = loans.lender
UNION ALL SELECT 'unknown funder', count(*) FROM fundings ANTI JOIN inst ON inst.id = fundings.institution
UNION ALL SELECT 'funded loan not in loans', count(*) FROM fundings ANTI JOIN loans USING (loan_id)
UNION ALL SELECT 'shares not adding to 100%', count(*) FROM (SELECT loan_id FROM fundings GROUP BY loan_id HAVING sum(share) <> 1);

-- ---------------------------------------------------------------------------------------------------
-- The rules. Each yields (rule, error, warning, cannot_evaluate) at the as-of date: a rule not yet in
-- force, or repealed, yields zeros. Loans are bound by their own dates where §8.2 says so.
CREATE TEMP TABLE results(rule VARCHAR, error BIGINT, warning BIGINT, cannot_evaluate BIGINT);

-- CN-BANK-LOAN-PARTNER-SHARE (24号 二, 六): a loan with ≥ 2 funders, one a bank, disbursed from
-- 2022-01-01: every non-bank funder's share ≥ 30%. One finding per loan.
INSERT INTO results
SELECT 'CN-BANK-LOAN-PARTNER-SHARE', count(*), 0, 0 FROM (
    SELECT f.loan_id
    FROM funded f JOIN inst i ON i.id = f.funder JOIN loans l USING (loan_id)
    WHERE f.joint AND l.disbursed_on >= DATE '2022-01-01' AND getvariable('as_of') >= DATE '2021-02-19'
    GROUP BY f.loan_id
    HAVING count(*) >= 2 AND bool_or(i.is_bank) AND bool_or(NOT i.is_bank AND f.share < 0.30));

-- CN-BANK-LOAN-REGION (24号 五, 六): a loan lent or co-funded by a local bank that is not online-only,
-- disbursed from 2022-01-01: its region is that bank's province.
INSERT INTO results
SELECT 'CN-BANK-LOAN-REGION', count(DISTINCT loan_id), 0, 0 FROM (
    SELECT l.loan_id, l.region, l.disbursed_on, l.lender AS bank FROM loans l
    UNION ALL
    SELECT f.loan_id, l.region, l.disbursed_on, f.institution FROM fundings f JOIN loans l USING (loan_id)
) x JOIN inst i ON i.id = x.bank AND i.type = 'local-bank' AND NOT i.online_only
WHERE x.disbursed_on >= DATE '2022-01-01' AND x.region <> i.registered_in AND getvariable('as_of') >= DATE '2021-02-19';

-- CN-BANK-PARTNER-CONCENTRATION-LOANS (24号 三): per bank and partner affiliate group, over joint
-- loans: Σ the bank's funded part ≤ 25% × its tier-1 capital. A loan counts once per partner group.
INSERT INTO results
SELECT 'CN-BANK-PARTNER-CONCENTRATION-LOANS', count(*) FILTER (WHERE getvariable('as_of') >= DATE '2023-06-30'),
       count(*) FILTER (WHERE getvariable('as_of') < DATE '2023-06-30'), 0 FROM (
    SELECT bank, partner_group, sum(part) AS total
    FROM (SELECT DISTINCT b.funder AS bank, g.grp AS partner_group, b.loan_id, b.part
          FROM funded b
          JOIN inst ib ON ib.id = b.funder AND ib.is_bank
          JOIN fundings p ON p.loan_id = b.loan_id AND p.institution <> b.funder
          JOIN affiliate_group g ON g.id = p.institution
          WHERE b.joint)
    GROUP BY bank, partner_group
) s JOIN inst i ON i.id = s.bank
WHERE s.total > 0.25 * i.tier1_capital_net AND getvariable('as_of') >= DATE '2021-02-19';

-- CN-BANK-JOINT-TOTAL-LOANS (24号 四): per bank, Σ its funded part of joint loans ≤ 50% × total loans.
INSERT INTO results
SELECT 'CN-BANK-JOINT-TOTAL-LOANS', count(*) FILTER (WHERE getvariable('as_of') >= DATE '2023-06-30'),
       count(*) FILTER (WHERE getvariable('as_of') < DATE '2023-06-30'), 0 FROM (
    SELECT funder AS bank, sum(part) AS total FROM funded JOIN inst i ON i.id = funder AND i.is_bank
    WHERE joint GROUP BY funder
) s JOIN inst i ON i.id = s.bank
WHERE s.total > 0.50 * i.total_loans AND getvariable('as_of') >= DATE '2021-02-19';

-- CN-BANK-LOAN-CREDIT-LINE (互联网贷款办法 第六条): a bank's individual, consumption, unsecured loan with a
-- credit line, disbursed from 2020-07-17: credit line ≤ 200000.
INSERT INTO results
SELECT 'CN-BANK-LOAN-CREDIT-LINE', count(*), 0, 0
FROM loans l JOIN inst i ON i.id = l.lender AND i.is_bank
WHERE l.borrower_type = 'individual' AND l.purpose = 'consumption' AND NOT l.secured AND l.credit_line IS NOT NULL
  AND l.disbursed_on >= DATE '2020-07-17' AND l.credit_line > 200000 AND getvariable('as_of') >= DATE '2020-07-17';

-- CN-CFC-BORROWER-BALANCE-LOANS (消费金融公司试点管理办法 2013): per consumer-finance company and borrower,
-- Σ funded part ≤ 200000; in force 2014-01-01 until its repeal on 2024-04-18.
INSERT INTO results
SELECT 'CN-CFC-BORROWER-BALANCE-LOANS', count(*), 0, 0 FROM (
    SELECT funder, borrower_id FROM funded JOIN inst i ON i.id = funder AND i.type = 'consumer-finance'
    GROUP BY funder, borrower_id HAVING sum(part) > 200000
) WHERE getvariable('as_of') >= DATE '2014-01-01' AND getvariable('as_of') < DATE '2024-04-18';

-- CN-CFC-LOAN-CREDIT-LINE (消费金融公司管理办法 2024): a consumer-finance loan with a credit line,
-- disbursed from 2024-04-18: credit line ≤ 200000.
INSERT INTO results
SELECT 'CN-CFC-LOAN-CREDIT-LINE', count(*), 0, 0
FROM loans l JOIN inst i ON i.id = l.lender AND i.type = 'consumer-finance'
WHERE l.credit_line IS NOT NULL AND l.disbursed_on >= DATE '2024-04-18' AND l.credit_line > 200000
  AND getvariable('as_of') >= DATE '2024-04-18';

-- CN-MLC-SINGLE-BORROWER-LOANS (2020 No.86; 金规〔2024〕26号): per microlender or online microlender and
-- borrower, Σ funded part ≤ 10% × its net assets.
INSERT INTO results
SELECT 'CN-MLC-SINGLE-BORROWER-LOANS', count(*), 0, 0 FROM (
    SELECT funder, borrower_id, sum(part) AS total FROM funded
    JOIN inst i ON i.id = funder AND i.type IN ('microlender', 'online-microlender')
    GROUP BY funder, borrower_id
) s JOIN inst i ON i.id = s.funder
WHERE s.total > 0.10 * i.net_assets AND getvariable('as_of') >= DATE '2020-09-16';

-- CN-MLC-BORROWER-GROUP-LOANS (金规〔2024〕26号): per microlender or online microlender and borrower
-- with its affiliates (同一借款人及其关联方): its group in borrower-groups.csv, or itself when it is in
-- none (docs/ledger.md), Σ funded part ≤ 15% × its net assets.
INSERT INTO results
SELECT 'CN-MLC-BORROWER-GROUP-LOANS', count(*), 0, 0 FROM (
    SELECT funder, coalesce('group ' || g."group", 'borrower ' || f.borrower_id) AS affiliates, sum(part) AS total
    FROM funded f
    JOIN inst i ON i.id = funder AND i.type IN ('microlender', 'online-microlender')
    LEFT JOIN borrower_groups g USING (borrower_id)
    GROUP BY ALL
) s JOIN inst i ON i.id = s.funder
WHERE s.total > 0.15 * i.net_assets AND getvariable('as_of') >= DATE '2024-12-31';

-- CN-MLC-ONLINE-CONSUMER-LOANS (金规〔2024〕26号): per online microlender and individual borrower, over
-- consumption loans, Σ funded part ≤ 200000.
INSERT INTO results
SELECT 'CN-MLC-ONLINE-CONSUMER-LOANS', count(*), 0, 0 FROM (
    SELECT funder, borrower_id FROM funded JOIN inst i ON i.id = funder AND i.type = 'online-microlender'
    WHERE borrower_type = 'individual' AND purpose = 'consumption'
    GROUP BY funder, borrower_id HAVING sum(part) > 200000
) WHERE getvariable('as_of') >= DATE '2024-12-31';

-- CN-MLC-ONLINE-BUSINESS-LOANS (金规〔2024〕26号): per online microlender and borrower, over
-- business-purpose loans, Σ funded part ≤ 10000000.
INSERT INTO results
SELECT 'CN-MLC-ONLINE-BUSINESS-LOANS', count(*), 0, 0 FROM (
    SELECT funder, borrower_id FROM funded JOIN inst i ON i.id = funder AND i.type = 'online-microlender'
    WHERE purpose = 'business'
    GROUP BY funder, borrower_id HAVING sum(part) > 10000000
) WHERE getvariable('as_of') >= DATE '2024-12-31';

-- CN-RATE-LOAN-APR-24 (法发〔2017〕22号 二): a licensed lender's loan disbursed from 2017-08-04:
-- apr ≤ 24%; no apr cannot be evaluated.
INSERT INTO results
SELECT 'CN-RATE-LOAN-APR-24', count(*) FILTER (WHERE l.apr > 0.24), 0, count(*) FILTER (WHERE l.apr IS NULL)
FROM loans l JOIN inst i ON i.id = l.lender AND i.type NOT IN ('platform', 'private-lender')
WHERE l.disbursed_on >= DATE '2017-08-04' AND getvariable('as_of') >= DATE '2017-08-04';

-- CN-RATE-LOAN-PRIVATE-LPR4 (法释〔2020〕17号 第二十五条): a private loan contracted from 2020-08-20:
-- apr ≤ 4 × the one-year LPR in force on its contract date.
INSERT INTO results
SELECT 'CN-RATE-LOAN-PRIVATE-LPR4', count(*) FILTER (WHERE l.apr > 4 * r.rate), 0, count(*) FILTER (WHERE l.apr IS NULL)
FROM loans l JOIN inst i ON i.id = l.lender AND i.type = 'private-lender'
ASOF JOIN lpr r ON l.contract_date >= r.start
WHERE l.contract_date >= DATE '2020-08-20' AND getvariable('as_of') >= DATE '2020-08-20';

-- CN-RATE-LOAN-PRIVATE-2015 (2015 规定 第二十六条): a private loan contracted 2015-09-01 … 2020-08-19:
-- above 36% an error, above 24% a warning.
INSERT INTO results
SELECT 'CN-RATE-LOAN-PRIVATE-2015', count(*) FILTER (WHERE l.apr > 0.36),
       count(*) FILTER (WHERE l.apr > 0.24 AND l.apr <= 0.36), count(*) FILTER (WHERE l.apr IS NULL)
FROM loans l JOIN inst i ON i.id = l.lender AND i.type = 'private-lender'
WHERE l.contract_date BETWEEN DATE '2015-09-01' AND DATE '2020-08-19' AND getvariable('as_of') >= DATE '2015-09-01';

.mode csv
SELECT 'validation' AS section, problem AS name, n AS error, 0 AS warning, 0 AS cannot_evaluate FROM validation
UNION ALL
SELECT 'rule', rule, error, warning, cannot_evaluate FROM results
ORDER BY section DESC, name;
