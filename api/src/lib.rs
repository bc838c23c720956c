//! Chengxin (诚信): public credit information and government integrity.
//!
//! The library holds the whole server; the `chengxin` binary is a thin command line over it.

pub mod domain;
