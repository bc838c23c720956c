//! Notifications: the dispatcher that empties the outbox through a sender. The default sender
//! writes each message to the log; with `notifications.smtp` configured, [`email::EmailSender`]
//! mails them. Another channel (an SMS provider's API, say) is one more [`Sender`].

pub mod email;

use crate::store::{OutboxRow, Store};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Why a message was not delivered, and whether trying again could help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undelivered {
    pub reason: String,
    /// No retry can succeed (no address known, a mailbox the server rejects for good).
    pub permanent: bool,
}

impl Undelivered {
    pub fn retry(reason: impl Into<String>) -> Self {
        Undelivered {
            reason: reason.into(),
            permanent: false,
        }
    }

    pub fn permanent(reason: impl Into<String>) -> Self {
        Undelivered {
            reason: reason.into(),
            permanent: true,
        }
    }
}

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Undelivered>> + Send + 'a>>;

/// Delivers one message; a temporary failure is retried later.
pub trait Sender: Send + Sync {
    fn send<'a>(&'a self, message: &'a OutboxRow) -> SendFuture<'a>;
}

/// Writes every message to the log (the default, and what a test or a demo wants).
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(&'a self, message: &'a OutboxRow) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(
                channel = %message.channel,
                recipient = %message.recipient,
                subject = %message.subject,
                "notification"
            );
            Ok(())
        })
    }
}

/// How many attempts a message gets before it is marked failed.
const MAX_ATTEMPTS: i64 = 8;

/// Sends what is due; returns how many were sent.
pub async fn dispatch_once(store: &Store, sender: &dyn Sender) -> anyhow::Result<usize> {
    let mut sent = 0;
    for message in store.due_notifications(100).await? {
        match sender.send(&message).await {
            Ok(()) => {
                store.mark_notification_sent(message.id).await?;
                sent += 1;
            }
            Err(undelivered) => {
                tracing::warn!(
                    id = message.id,
                    reason = %undelivered.reason,
                    permanent = undelivered.permanent,
                    "notification not delivered"
                );
                // A permanent failure uses up the attempts at once: retrying cannot help.
                let attempts_so_far = if undelivered.permanent {
                    MAX_ATTEMPTS - 1
                } else {
                    message.attempts
                };
                store
                    .mark_notification_failed(
                        message.id,
                        attempts_so_far,
                        &undelivered.reason,
                        MAX_ATTEMPTS,
                    )
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// The sender the configuration asks for.
pub fn configured_sender(
    config: &crate::config::NotificationConfig,
    store: &Store,
) -> anyhow::Result<Arc<dyn Sender>> {
    Ok(match &config.smtp {
        Some(smtp) => Arc::new(email::EmailSender::new(smtp, store.clone())?),
        None => Arc::new(LogSender),
    })
}

/// Empties the outbox every `interval` until the store is closed.
pub fn spawn_dispatcher(store: Store, sender: Arc<dyn Sender>, interval: Duration) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(interval);
        loop {
            ticker.tick().await;
            if store.is_closed() {
                return;
            }
            if let Err(error) = dispatch_once(&store, sender.as_ref()).await {
                tracing::error!(error = format!("{error:#}"), "notification dispatch failed");
            }
        }
    });
}
