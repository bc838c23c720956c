//! The black-box tests of the Chengxin server, as one binary (one link instead of one per file):
//! each module is one area of the product, run over HTTP against a real server on SQLite or, with
//! `TEST_DATABASE_URL`, on PostgreSQL. Shared helpers live in the `chengxin_tests` library.

mod admin;
mod audit;
mod authorisation_matrix;
mod browser;
mod calendar;
mod catalogue;
mod complaints;
mod evaluation;
mod intake;
mod listing_rules;
mod my_archive;
mod notifications;
mod objections;
mod public_api;
mod rate_limits;
mod rectification;
mod repairs;
mod response_cache;
mod sign_in;
mod staff_reads;
mod storage;
mod submission_detail;
mod system;
mod web_serving;
mod workspace;
