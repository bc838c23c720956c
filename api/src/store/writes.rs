//! Inserts of the core model. Each batch is one transaction: all rows or none.

use super::{
    NewAppointment, NewCommitment, NewCreditRecord, NewLicence, NewListing, NewOrganisation,
    NewPenalty, NewPerson, RecordKind, Store, StoreResult, on_pool,
};
use chengxin_types::RecordStatus;
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Inserts one credit record in a transaction; evaluates to its id.
macro_rules! insert_credit_record {
    ($tx:expr, $r:expr, $at:expr) => {{
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO credit_records (subject_kind, person_id, organisation_id, category, kind_code, title, content,
                        decision_no, deciding_org_id, reporting_org_id, decided_on, occurred_on, conduct_ended_on, route, tier,
                        publish_from, repairable_from, publish_until, status, score_item, act_key, version, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1, $22, $22)
                     RETURNING id",
                )
                .bind($r.subject.kind_code())
                .bind($r.subject.person_id())
                .bind($r.subject.organisation_id())
                .bind($r.category.code())
                .bind(&$r.kind_code)
                .bind(&$r.title)
                .bind(&$r.content)
                .bind(&$r.decision_no)
                .bind($r.deciding_org_id)
                .bind($r.reporting_org_id)
                .bind($r.decided_on)
                .bind($r.occurred_on)
                .bind($r.conduct_ended_on)
                .bind($r.route.code())
                .bind($r.tier.map(|t| t.code()))
                .bind($r.window.map(|w| w.from))
                .bind($r.window.map(|w| w.repairable_from))
                .bind($r.window.map(|w| w.until))
                .bind($r.status.code())
                .bind(&$r.score_item)
                .bind(&$r.act_key)
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?;
                id
    }};
}
pub(crate) use insert_credit_record;

/// Inserts one serious-breach entry (and its name index) in a transaction; evaluates to its id.
macro_rules! insert_listing {
    ($tx:expr, $l:expr, $at:expr) => {{
                let court = $l.court_case.as_ref();
                let row = sqlx::query(
                    "INSERT INTO serious_breach_entries (subject_kind, person_id, organisation_id, subject_name, subject_uscc,
                        subject_id_masked, list_kind, deciding_org_id, basis_doc_no, reason, legal_basis, listed_on,
                        removal_conditions, removal_due_on, removed_on, status, source_org_id, record_id, case_no, court, duty,
                        performed_part, unperformed_part, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)
                     RETURNING id",
                )
                .bind($l.subject.kind_code())
                .bind($l.subject.person_id())
                .bind($l.subject.organisation_id())
                .bind(&$l.subject_name)
                .bind(&$l.subject_uscc)
                .bind(&$l.subject_id_masked)
                .bind($l.list_kind.code())
                .bind($l.deciding_org_id)
                .bind(&$l.basis_doc_no)
                .bind(&$l.reason)
                .bind(&$l.legal_basis)
                .bind($l.listed_on)
                .bind(&$l.removal_conditions)
                .bind($l.removal_due_on)
                .bind($l.removed_on)
                .bind($l.status.code())
                .bind($l.source_org_id)
                .bind($l.record_id)
                .bind(court.map(|c| c.case_no.as_str()))
                .bind(court.map(|c| c.court.as_str()))
                .bind(court.map(|c| c.duty.as_str()))
                .bind(court.map(|c| c.performed_part.as_str()))
                .bind(court.map(|c| c.unperformed_part.as_str()))
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?;
                let id: i64 = sqlx::Row::try_get(&row, 0)?;
                super::bigrams::insert_name_bigrams!($tx, super::bigrams::LISTING, id, &$l.subject_name);
                id
    }};
}
pub(crate) use insert_listing;

/// Inserts one penalty in a transaction; evaluates to its id.
macro_rules! insert_penalty {
    ($tx:expr, $p:expr, $at:expr) => {{
                let document = $p.subject.document.as_ref();
                sqlx::query_as::<_, (i64,)>(
                    "INSERT INTO penalties (cf_wsh, cf_wfxw, cf_sy, cf_yj, cf_cflb, cf_nr, fine_cents, cf_jdrq, cf_gsjzq, cf_cfjg,
                        cf_cfjgdm, cf_sjly, cf_sjlydm, cf_xdr_mc, cf_xdr_lb, cf_xdr_shxym, cf_xdr_zjlx, xdr_id_masked, xdr_id_cipher,
                        person_id, organisation_id, tier, published_on, status, record_id, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
                     RETURNING id",
                )
                .bind(&$p.doc_no)
                .bind(&$p.violation_type)
                .bind(&$p.facts)
                .bind(&$p.legal_basis)
                .bind($p.category.code())
                .bind(&$p.content)
                .bind($p.fine_cents)
                .bind($p.decided_on)
                .bind($p.publish_until)
                .bind(&$p.deciding_body.name)
                .bind(&$p.deciding_body.uscc)
                .bind(&$p.source_unit.name)
                .bind(&$p.source_unit.uscc)
                .bind(&$p.subject.name)
                .bind(&$p.subject.category)
                .bind(&$p.subject.uscc)
                .bind(document.map(|(kind, _)| kind.as_str()))
                .bind(document.map(|(_, sealed)| sealed.masked.as_str()))
                .bind(document.map(|(_, sealed)| sealed.cipher.as_slice()))
                .bind($p.subject.person_id)
                .bind($p.subject.organisation_id)
                .bind($p.tier.code())
                .bind($p.published_on)
                .bind($p.status.code())
                .bind($p.record_id)
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?
                .0
    }};
}
pub(crate) use insert_penalty;

/// Inserts one licence in a transaction; evaluates to its id.
macro_rules! insert_licence {
    ($tx:expr, $l:expr, $at:expr) => {{
                sqlx::query_as::<_, (i64,)>(
                    "INSERT INTO licences (xk_wsh, xk_xkws, xk_xklb, xk_xkzs, xk_xkbh, xk_nr, xk_jdrq, xk_yxqz, xk_yxqzi, xk_xkjg,
                        xk_xkjgdm, xk_sjly, xk_sjlydm, xk_xdr_mc, xk_xdr_lb, xk_xdr_shxym, organisation_id, published_on, status, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                     RETURNING id",
                )
                .bind(&$l.doc_no)
                .bind(&$l.doc_name)
                .bind($l.category.national_code())
                .bind(&$l.certificate_name)
                .bind(&$l.certificate_no)
                .bind(&$l.content)
                .bind($l.decided_on)
                .bind($l.valid_from)
                .bind($l.valid_to)
                .bind(&$l.licensing_body.name)
                .bind(&$l.licensing_body.uscc)
                .bind(&$l.source_unit.name)
                .bind(&$l.source_unit.uscc)
                .bind(&$l.subject.name)
                .bind(&$l.subject.category)
                .bind(&$l.subject.uscc)
                .bind($l.subject.organisation_id)
                .bind($l.published_on)
                .bind($l.status.code())
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?
                .0
    }};
}
pub(crate) use insert_licence;

/// Inserts one commitment and its fulfilment history in a transaction; evaluates to its id.
macro_rules! insert_commitment {
    ($tx:expr, $c:expr, $at:expr) => {{
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO commitments (kind, subject_kind, person_id, organisation_id, subject_name, content, made_on,
                        accepting_org_id, due_on, status, route, source_org_id, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
                )
                .bind($c.kind.code())
                .bind($c.subject.kind_code())
                .bind($c.subject.person_id())
                .bind($c.subject.organisation_id())
                .bind(&$c.subject_name)
                .bind(&$c.content)
                .bind($c.made_on)
                .bind($c.accepting_org_id)
                .bind($c.due_on)
                .bind($c.status.code())
                .bind($c.route.code())
                .bind($c.source_org_id)
                .bind($at)
                .fetch_one(&mut *$tx)
                .await?;
                for f in &$c.fulfilments {
                    sqlx::query(
                        "INSERT INTO commitment_fulfilments (commitment_id, status, note, recorded_on, created_at)
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(f.status.code())
                    .bind(&f.note)
                    .bind(f.recorded_on)
                    .bind($at)
                    .execute(&mut *$tx)
                    .await?;
                }
                id
    }};
}
pub(crate) use insert_commitment;

/// Records in the publication log that an item was published, for upper-level platforms.
macro_rules! log_publication {
    ($tx:expr, $kind:expr, $id:expr, $at:expr) => {
        sqlx::query(
            "INSERT INTO publication_log (item_kind, item_id, change, changed_at) VALUES ($1, $2, 'published', $3)",
        )
        .bind($kind)
        .bind($id)
        .bind($at)
        .execute(&mut *$tx)
        .await?
    };
}

impl Store {
    pub async fn insert_record_kinds(&self, kinds: &[RecordKind]) -> StoreResult<()> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for k in kinds {
                // A kind the credit office never changed (still version 1) follows the seed's
                // name and subjects; one it changed keeps its own.
                let seed = crate::domain::catalogue::CatalogueKind::seed(k);
                sqlx::query(
                    "INSERT INTO record_kinds (code, name, category, source, default_route, default_tier, score_item, subjects)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, subjects = excluded.subjects
                     WHERE record_kinds.version = 1
                       AND (record_kinds.name <> excluded.name OR record_kinds.subjects <> excluded.subjects)",
                )
                .bind(k.code)
                .bind(k.name)
                .bind(k.category.code())
                .bind(k.source)
                .bind(k.default_route.code())
                .bind(k.default_tier.map(|t| t.code()))
                .bind(k.score_item)
                .bind(seed.subjects.code())
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn insert_organisations(&self, orgs: &[NewOrganisation]) -> StoreResult<Vec<i64>> {
        let at = now();
        let ids = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(orgs.len());
            for o in orgs {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO organisations (uscc, name, kind, level, parent_id, region_code, address, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                )
                .bind(o.uscc.as_str())
                .bind(&o.name)
                .bind(o.kind.code())
                .bind(o.level.map(|l| l.code()))
                .bind(o.parent_id)
                .bind(&o.region_code)
                .bind(&o.address)
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                ids.push(id);
            }
            tx.commit().await?;
            ids
        });
        Ok(ids)
    }

    pub async fn insert_persons(&self, persons: &[NewPerson]) -> StoreResult<Vec<i64>> {
        let at = now();
        let ids = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(persons.len());
            for p in persons {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO persons (name, id_cipher, id_lookup, id_masked, gender, scoring_consent, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(&p.name)
                .bind(&p.id.cipher)
                .bind(&p.id.lookup)
                .bind(&p.id.masked)
                .bind(p.gender)
                .bind(p.scoring_consent)
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                ids.push(id);
            }
            tx.commit().await?;
            ids
        });
        Ok(ids)
    }

    pub async fn insert_appointments(&self, appointments: &[NewAppointment]) -> StoreResult<()> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for a in appointments {
                sqlx::query(
                    "INSERT INTO appointments (person_id, organisation_id, position, rank, started_on, ended_on)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(a.person_id)
                .bind(a.organisation_id)
                .bind(&a.position)
                .bind(&a.rank)
                .bind(a.started_on)
                .bind(a.ended_on)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn insert_credit_records(
        &self,
        records: &[NewCreditRecord],
    ) -> StoreResult<Vec<i64>> {
        let at = now();
        let ids = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(records.len());
            for r in records {
                let id = insert_credit_record!(tx, r, at);
                ids.push(id);
            }
            tx.commit().await?;
            ids
        });
        Ok(ids)
    }

    pub async fn insert_listings(&self, listings: &[NewListing]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for l in listings {
                insert_listing!(tx, l, at);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn insert_commitments(&self, commitments: &[NewCommitment]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for c in commitments {
                insert_commitment!(tx, c, at);
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn insert_penalties(&self, penalties: &[NewPenalty]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for p in penalties {
                let id = insert_penalty!(tx, p, at);
                // Only what is out already: a future publication date would be logged before it is public.
                if p.status == RecordStatus::Effective
                    && p.published_on.is_some_and(|d| d <= at.date_naive())
                {
                    log_publication!(tx, "penalty", id, at);
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    pub async fn insert_licences(&self, licences: &[NewLicence]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for l in licences {
                let id = insert_licence!(tx, l, at);
                if l.status == RecordStatus::Effective
                    && l.published_on.is_some_and(|d| d <= at.date_naive())
                {
                    log_publication!(tx, "licence", id, at);
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
