//! The client's address: the peer, or — only when the peer is a trusted proxy — the nearest
//! untrusted address in `X-Forwarded-For`. Trusting the header from anyone would let every caller
//! pick its own rate-limit bucket.

use std::net::IpAddr;

/// `peer` is the TCP peer; `forwarded_for` the raw header, if any.
pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded_for: Option<&str>,
    trusted_proxies: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let Some(header) = forwarded_for else {
        return Some(peer);
    };
    // Walk from the nearest hop outward, skipping our own proxies.
    let mut nearest = peer;
    for hop in header.rsplit(',').map(str::trim) {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted_proxies.contains(&ip) => nearest = ip,
            Ok(ip) => return Some(ip),
            Err(_) => return Some(nearest),
        }
    }
    Some(nearest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn the_header_counts_only_behind_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        assert_eq!(
            client_ip(Some(ip("203.0.113.9")), Some("1.2.3.4"), &[proxy]),
            Some(ip("203.0.113.9"))
        );
        assert_eq!(
            client_ip(Some(proxy), Some("1.2.3.4, 198.51.100.7"), &[proxy]),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            client_ip(
                Some(proxy),
                Some("198.51.100.7, 10.0.0.3"),
                &[proxy, ip("10.0.0.3")]
            ),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(client_ip(Some(proxy), None, &[proxy]), Some(proxy));
        assert_eq!(
            client_ip(Some(proxy), Some("garbage"), &[proxy]),
            Some(proxy)
        );
    }
}
