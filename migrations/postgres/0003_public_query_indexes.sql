-- Indexes in the order the public lists are read: newest first by the list's date, then id, so a
-- page is a short walk down an index instead of a sort of the whole table. A department filter
-- walks its own (department, date, id) range. The date indexes also carry the columns the public
-- filter and the name search test, so rows that do not match are skipped without reading the table.
DROP INDEX serious_breach_by_listing;
DROP INDEX serious_breach_by_department;
CREATE INDEX serious_breach_by_date ON serious_breach_entries (listed_on, id, status, subject_kind, subject_name, record_id);
CREATE INDEX serious_breach_by_department ON serious_breach_entries (deciding_org_id, listed_on, id);
CREATE INDEX serious_breach_by_subject ON serious_breach_entries (organisation_id, listed_on, id);

DROP INDEX penalties_public;
CREATE INDEX penalties_by_date ON penalties (cf_jdrq, id, status, tier, published_on, cf_gsjzq, person_id, cf_xdr_mc);
CREATE INDEX penalties_by_department ON penalties (cf_cfjgdm, cf_jdrq, id);
CREATE INDEX penalties_by_subject ON penalties (organisation_id, cf_jdrq, id);

CREATE INDEX licences_by_date ON licences (xk_jdrq, id, status, published_on, xk_xdr_shxym, xk_xdr_mc);
CREATE INDEX licences_by_department ON licences (xk_xkjgdm, xk_jdrq, id);

CREATE INDEX commitments_by_date ON commitments (made_on, id);
DROP INDEX commitments_by_subject;
CREATE INDEX commitments_by_subject ON commitments (organisation_id, made_on, id);
DROP INDEX commitments_by_acceptor;
CREATE INDEX commitments_by_acceptor ON commitments (accepting_org_id, made_on, id);
