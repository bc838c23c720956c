//! The e-mail sender: mails each outbox message over SMTP to the addresses its recipient stands
//! for (an account, a department's handlers, the credit office), and a phone number through an
//! e-mail-to-SMS gateway when one is configured.

use super::{LogSender, SendFuture, Sender, Undelivered};
use crate::config::SmtpConfig;
use crate::store::{OutboxRow, Store};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

pub struct EmailSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    credit_office: Option<Mailbox>,
    sms_gateway: Option<String>,
    store: Store,
}

impl EmailSender {
    pub fn new(config: &SmtpConfig, store: Store) -> anyhow::Result<Self> {
        config.check().map_err(anyhow::Error::msg)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.url)?
            .timeout(Some(Duration::from_secs(config.timeout_seconds)))
            .build();
        Ok(EmailSender {
            transport,
            from: config.from.parse()?,
            credit_office: config
                .credit_office
                .as_deref()
                .map(str::parse)
                .transpose()?,
            sms_gateway: config.sms_gateway.clone(),
            store,
        })
    }

    /// The mailboxes a recipient stands for; empty when none is known.
    async fn mailboxes(&self, message: &OutboxRow) -> Result<Vec<Mailbox>, Undelivered> {
        if let (Some(office), "credit_office") = (&self.credit_office, message.recipient.as_str()) {
            return Ok(vec![office.clone()]);
        }
        let addresses = self
            .store
            .email_addresses_of(&message.recipient)
            .await
            .map_err(|e| Undelivered::retry(format!("cannot look up addresses: {e}")))?;
        // An address a person typed long ago may not parse today; the others still get mail.
        Ok(addresses
            .iter()
            .filter_map(|address| address.parse::<Mailbox>().ok())
            .collect())
    }

    async fn mail(&self, to: Vec<Mailbox>, message: &OutboxRow) -> Result<(), Undelivered> {
        let mut builder = Message::builder().from(self.from.clone());
        for mailbox in to {
            builder = builder.to(mailbox);
        }
        let email = builder
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| Undelivered::permanent(format!("cannot build the message: {e}")))?;
        match self.transport.send(email).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(Undelivered::permanent(format!(
                "SMTP server refused: {error}"
            ))),
            Err(error) => Err(Undelivered::retry(format!("SMTP: {error}"))),
        }
    }
}

impl Sender for EmailSender {
    fn send<'a>(&'a self, message: &'a OutboxRow) -> SendFuture<'a> {
        Box::pin(async move {
            if message.channel == "sms" {
                let Some(gateway) = &self.sms_gateway else {
                    // No SMS route configured: the text stays readable in the log.
                    return LogSender.send(message).await;
                };
                let mailbox = gateway
                    .replace("{phone}", &message.recipient)
                    .parse::<Mailbox>()
                    .map_err(|e| Undelivered::permanent(format!("SMS gateway address: {e}")))?;
                return self.mail(vec![mailbox], message).await;
            }
            let to = self.mailboxes(message).await?;
            if to.is_empty() {
                return Err(Undelivered::permanent(format!(
                    "no e-mail address for {}",
                    message.recipient
                )));
            }
            self.mail(to, message).await
        })
    }
}
