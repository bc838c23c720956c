//! Inserts of the core model. Each batch is one transaction: all rows or none.

use super::exec::Conn;
use super::query::Sql;
use super::{
    NewAppointment, NewCommitment, NewCreditRecord, NewLicence, NewListing, NewOrganisation,
    NewPenalty, NewPerson, RecordKind, Store, StoreResult, on_pool,
};
use chengxin_types::RecordStatus;
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Inserts one credit record on `conn` (a transaction's); its id.
pub(crate) async fn insert_credit_record(
    conn: &mut Conn<'_>,
    r: &NewCreditRecord,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = conn
        .fetch_one(
            Sql::new(
                "INSERT INTO credit_records (subject_kind, person_id, organisation_id, category, kind_code, title, content,
                    decision_no, deciding_org_id, reporting_org_id, decided_on, occurred_on, conduct_ended_on, route, tier,
                    publish_from, repairable_from, publish_until, status, score_item, act_key, version, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, 1, $22, $22)
                 RETURNING id",
            )
            .with(r.subject.kind_code())
            .with(r.subject.person_id())
            .with(r.subject.organisation_id())
            .with(r.category.code())
            .with(&r.kind_code)
            .with(&r.title)
            .with(&r.content)
            .with(&r.decision_no)
            .with(r.deciding_org_id)
            .with(r.reporting_org_id)
            .with(r.decided_on)
            .with(r.occurred_on)
            .with(r.conduct_ended_on)
            .with(r.route.code())
            .with(r.tier.map(|t| t.code()))
            .with(r.window.map(|w| w.from))
            .with(r.window.map(|w| w.repairable_from))
            .with(r.window.map(|w| w.until))
            .with(r.status.code())
            .with(&r.score_item)
            .with(&r.act_key)
            .with(at),
        )
        .await?;
    Ok(id)
}

/// Inserts one serious-breach entry and its name index on `conn`; its id.
pub(crate) async fn insert_listing(
    conn: &mut Conn<'_>,
    l: &NewListing,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let court = l.court_case.as_ref();
    let (id,): (i64,) = conn
        .fetch_one(
            Sql::new(
                "INSERT INTO serious_breach_entries (subject_kind, person_id, organisation_id, subject_name, subject_uscc,
                    subject_id_masked, list_kind, deciding_org_id, basis_doc_no, reason, legal_basis, listed_on,
                    removal_conditions, removal_due_on, removed_on, status, source_org_id, record_id, case_no, court, duty,
                    performed_part, unperformed_part, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)
                 RETURNING id",
            )
            .with(l.subject.kind_code())
            .with(l.subject.person_id())
            .with(l.subject.organisation_id())
            .with(&l.subject_name)
            .with(&l.subject_uscc)
            .with(&l.subject_id_masked)
            .with(l.list_kind.code())
            .with(l.deciding_org_id)
            .with(&l.basis_doc_no)
            .with(&l.reason)
            .with(&l.legal_basis)
            .with(l.listed_on)
            .with(&l.removal_conditions)
            .with(l.removal_due_on)
            .with(l.removed_on)
            .with(l.status.code())
            .with(l.source_org_id)
            .with(l.record_id)
            .with(court.map(|c| c.case_no.as_str()))
            .with(court.map(|c| c.court.as_str()))
            .with(court.map(|c| c.duty.as_str()))
            .with(court.map(|c| c.performed_part.as_str()))
            .with(court.map(|c| c.unperformed_part.as_str()))
            .with(at),
        )
        .await?;
    super::bigrams::insert_name_bigrams(conn, super::bigrams::LISTING, id, &l.subject_name).await?;
    Ok(id)
}

/// Inserts one penalty on `conn`; its id.
pub(crate) async fn insert_penalty(
    conn: &mut Conn<'_>,
    p: &NewPenalty,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let document = p.subject.document.as_ref();
    let (id,): (i64,) = conn
        .fetch_one(
            Sql::new(
                "INSERT INTO penalties (cf_wsh, cf_wfxw, cf_sy, cf_yj, cf_cflb, cf_nr, fine_cents, cf_jdrq, cf_gsjzq, cf_cfjg,
                    cf_cfjgdm, cf_sjly, cf_sjlydm, cf_xdr_mc, cf_xdr_lb, cf_xdr_shxym, cf_xdr_zjlx, xdr_id_masked, xdr_id_cipher,
                    person_id, organisation_id, tier, published_on, status, record_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
                 RETURNING id",
            )
            .with(&p.doc_no)
            .with(&p.violation_type)
            .with(&p.facts)
            .with(&p.legal_basis)
            .with(p.category.code())
            .with(&p.content)
            .with(p.fine_cents)
            .with(p.decided_on)
            .with(p.publish_until)
            .with(&p.deciding_body.name)
            .with(&p.deciding_body.uscc)
            .with(&p.source_unit.name)
            .with(&p.source_unit.uscc)
            .with(&p.subject.name)
            .with(&p.subject.category)
            .with(&p.subject.uscc)
            .with(document.map(|(kind, _)| kind.as_str()))
            .with(document.map(|(_, sealed)| sealed.masked.as_str()))
            .with(document.map(|(_, sealed)| sealed.cipher.as_slice()))
            .with(p.subject.person_id)
            .with(p.subject.organisation_id)
            .with(p.tier.code())
            .with(p.published_on)
            .with(p.status.code())
            .with(p.record_id)
            .with(at),
        )
        .await?;
    Ok(id)
}

/// Inserts one licence on `conn`; its id.
pub(crate) async fn insert_licence(
    conn: &mut Conn<'_>,
    l: &NewLicence,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = conn
        .fetch_one(
            Sql::new(
                "INSERT INTO licences (xk_wsh, xk_xkws, xk_xklb, xk_xkzs, xk_xkbh, xk_nr, xk_jdrq, xk_yxqz, xk_yxqzi, xk_xkjg,
                    xk_xkjgdm, xk_sjly, xk_sjlydm, xk_xdr_mc, xk_xdr_lb, xk_xdr_shxym, organisation_id, published_on, status, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                 RETURNING id",
            )
            .with(&l.doc_no)
            .with(&l.doc_name)
            .with(l.category.national_code())
            .with(&l.certificate_name)
            .with(&l.certificate_no)
            .with(&l.content)
            .with(l.decided_on)
            .with(l.valid_from)
            .with(l.valid_to)
            .with(&l.licensing_body.name)
            .with(&l.licensing_body.uscc)
            .with(&l.source_unit.name)
            .with(&l.source_unit.uscc)
            .with(&l.subject.name)
            .with(&l.subject.category)
            .with(&l.subject.uscc)
            .with(l.subject.organisation_id)
            .with(l.published_on)
            .with(l.status.code())
            .with(at),
        )
        .await?;
    Ok(id)
}

/// Inserts one commitment and its fulfilment history on `conn`; its id.
pub(crate) async fn insert_commitment(
    conn: &mut Conn<'_>,
    c: &NewCommitment,
    at: DateTime<Utc>,
) -> StoreResult<i64> {
    let (id,): (i64,) = conn
        .fetch_one(
            Sql::new(
                "INSERT INTO commitments (kind, subject_kind, person_id, organisation_id, subject_name, content, made_on,
                    accepting_org_id, due_on, status, route, source_org_id, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
            )
            .with(c.kind.code())
            .with(c.subject.kind_code())
            .with(c.subject.person_id())
            .with(c.subject.organisation_id())
            .with(&c.subject_name)
            .with(&c.content)
            .with(c.made_on)
            .with(c.accepting_org_id)
            .with(c.due_on)
            .with(c.status.code())
            .with(c.route.code())
            .with(c.source_org_id)
            .with(at),
        )
        .await?;
    for f in &c.fulfilments {
        conn.execute(
            Sql::new(
                "INSERT INTO commitment_fulfilments (commitment_id, status, note, recorded_on, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .with(id)
            .with(f.status.code())
            .with(&f.note)
            .with(f.recorded_on)
            .with(at),
        )
        .await?;
    }
    Ok(id)
}

/// Records in the publication log that an item was published, for upper-level platforms.
pub(crate) async fn log_publication(
    conn: &mut Conn<'_>,
    kind: &str,
    id: i64,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    conn.execute(
        Sql::new(
            "INSERT INTO publication_log (item_kind, item_id, change, changed_at) VALUES ($1, $2, 'published', $3)",
        )
        .with(kind)
        .with(id)
        .with(at),
    )
    .await?;
    Ok(())
}

impl Store {
    #[tracing::instrument(skip_all)]
    pub async fn insert_record_kinds(&self, kinds: &[RecordKind]) -> StoreResult<()> {
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for k in kinds {
                // A kind the credit office never changed (still version 1) follows the seed's
                // name and subjects; one it changed keeps its own.
                let seed = crate::domain::catalogue::seed_kind(k);
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

    #[tracing::instrument(skip_all)]
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

    #[tracing::instrument(skip_all)]
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

    #[tracing::instrument(skip_all)]
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

    #[tracing::instrument(skip_all)]
    pub async fn insert_credit_records(
        &self,
        records: &[NewCreditRecord],
    ) -> StoreResult<Vec<i64>> {
        let at = now();
        let ids = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let mut ids = Vec::with_capacity(records.len());
            for r in records {
                let id = insert_credit_record(&mut Conn::from(&mut *tx), r, at).await?;
                ids.push(id);
            }
            tx.commit().await?;
            ids
        });
        Ok(ids)
    }

    #[tracing::instrument(skip_all)]
    pub async fn insert_listings(&self, listings: &[NewListing]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for l in listings {
                insert_listing(&mut Conn::from(&mut *tx), l, at).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn insert_commitments(&self, commitments: &[NewCommitment]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for c in commitments {
                insert_commitment(&mut Conn::from(&mut *tx), c, at).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn insert_penalties(&self, penalties: &[NewPenalty]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for p in penalties {
                let id = insert_penalty(&mut Conn::from(&mut *tx), p, at).await?;
                // Only what is out already: a future publication date would be logged before it is public.
                if p.status == RecordStatus::Effective
                    && p.published_on.is_some_and(|d| d <= at.date_naive())
                {
                    log_publication(&mut Conn::from(&mut *tx), "penalty", id, at).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }

    #[tracing::instrument(skip_all)]
    pub async fn insert_licences(&self, licences: &[NewLicence]) -> StoreResult<()> {
        let at = now();
        on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            for l in licences {
                let id = insert_licence(&mut Conn::from(&mut *tx), l, at).await?;
                if l.status == RecordStatus::Effective
                    && l.published_on.is_some_and(|d| d <= at.date_naive())
                {
                    log_publication(&mut Conn::from(&mut *tx), "licence", id, at).await?;
                }
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
