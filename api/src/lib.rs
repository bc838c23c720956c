//! Chengxin (诚信): public credit information and government integrity.
//!
//! The library holds the whole server; the `chengxin` binary is a thin command line over it.

pub mod answer_cache;
pub mod auth;
pub mod config;
pub mod demo;
pub mod domain;
pub mod error;
pub mod intake;
pub mod integrity;
pub mod notify;
pub mod openapi;
pub mod pii;
pub mod routes;
pub mod security_headers;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod web_app;
