//! Notifications: the dispatcher that empties the outbox through a sender. The default sender
//! writes each message to the log; a deployment plugs in SMS or e-mail by implementing
//! [`Sender`] (and choosing it in `notifications.sender`).

use crate::store::{OutboxRow, Store};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// Delivers one message; an error is retried later.
pub trait Sender: Send + Sync {
    fn send<'a>(
        &'a self,
        message: &'a OutboxRow,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;
}

/// Writes every message to the log (the default, and what a test or a demo wants).
pub struct LogSender;

impl Sender for LogSender {
    fn send<'a>(
        &'a self,
        message: &'a OutboxRow,
    ) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
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
            Err(error) => {
                tracing::warn!(id = message.id, %error, "notification not delivered; will retry");
                store
                    .mark_notification_failed(message.id, message.attempts, &error, MAX_ATTEMPTS)
                    .await?;
            }
        }
    }
    Ok(sent)
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
