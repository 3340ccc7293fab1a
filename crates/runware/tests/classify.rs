use runware::{
    categorize, is_transient_status, parse_retry_after, Aspect, Backoff, ErrorCategory,
    PollSchedule, Resolution, Size,
};
use std::time::Duration;

#[test]
fn transient_statuses() {
    for s in [408, 429, 500, 502, 503, 504] {
        assert!(is_transient_status(s), "{s}");
    }
    for s in [200, 400, 401, 402, 403, 404] {
        assert!(!is_transient_status(s), "{s}");
    }
}

#[test]
fn categories_per_code() {
    assert_eq!(
        categorize("invalidApiKey", Some(401), None),
        ErrorCategory::Auth
    );
    assert_eq!(
        categorize("insufficientCredits", Some(402), None),
        ErrorCategory::Credits
    );
    assert_eq!(
        categorize(
            "invalidPositivePromptLength",
            Some(400),
            Some("positivePrompt")
        ),
        ErrorCategory::Validation {
            field: Some("positivePrompt".into())
        }
    );
    assert_eq!(
        categorize("promptBlocked", Some(400), None),
        ErrorCategory::ContentPolicy
    );
    assert_eq!(
        categorize("providerContentPolicyViolation", None, None),
        ErrorCategory::ContentPolicy
    );
    assert_eq!(
        categorize("timeoutProvider", None, None),
        ErrorCategory::Provider
    );
    assert_eq!(
        categorize("serviceUnavailable", Some(503), None),
        ErrorCategory::Capacity
    );
    assert_eq!(categorize("", Some(429), None), ErrorCategory::Capacity);
    assert_eq!(categorize("", Some(403), None), ErrorCategory::Auth);
}

#[test]
fn retry_after_seconds() {
    assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
    assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    assert_eq!(parse_retry_after("-1"), None);
    assert_eq!(parse_retry_after("1.25"), Some(Duration::from_millis(1250)));
    assert_eq!(
        parse_retry_after("2.0005"),
        Some(Duration::from_millis(2000))
    );
    assert_eq!(parse_retry_after(".5"), Some(Duration::from_millis(500)));
    assert_eq!(parse_retry_after("7."), Some(Duration::from_secs(7)));
    for bad in [
        "",
        ".",
        "1e3",
        "1.2.3",
        "+4",
        "NaN",
        "inf",
        "4 s",
        "99999999999",
    ] {
        assert_eq!(parse_retry_after(bad), None, "{bad:?}");
    }
}

#[test]
fn backoff_grows_with_jitter_and_honours_retry_after() {
    let b = Backoff::default();
    let lo: Vec<_> = (0..3).map(|a| b.delay(a, 0.0, None)).collect();
    let hi: Vec<_> = (0..3).map(|a| b.delay(a, 0.999, None)).collect();
    assert!(lo[0] < lo[1] && lo[1] < lo[2]);
    for a in 0..3 {
        assert!(hi[a] > lo[a], "jitter must spread attempt {a}");
    }
    assert_eq!(
        b.delay(0, 0.0, Some(Duration::from_secs(7))),
        Duration::from_secs(7)
    );
    assert!(b.should_retry(2) && !b.should_retry(3));
}

#[test]
fn poll_schedule_matches_contract() {
    let p = PollSchedule::default();
    assert_eq!(p.gap(0), Duration::from_secs(1));
    assert_eq!(p.gap(1), Duration::from_millis(1500));
    assert_eq!(p.gap(2), Duration::from_millis(2250));
    assert_eq!(p.gap(30), Duration::from_secs(10));
    assert!(p.keep_polling(Duration::from_secs(19 * 60)));
    assert!(!p.keep_polling(Duration::from_secs(20 * 60)));
}

#[test]
fn exactly_sixteen_sizes() {
    let all: Vec<_> = Size::all().collect();
    assert_eq!(all.len(), 16);
    assert_eq!(
        Size::from_dims(1248, 832).unwrap().aspect(),
        Aspect::Landscape3x2
    );
    assert_eq!(Size::from_dims(3104, 1312).unwrap().tier(), Resolution::K2);
    assert!(Size::from_dims(1000, 1000).is_none());
    assert_eq!(
        Size::nearest(4000, 3000, Resolution::K2).dims(),
        (2336, 1760)
    );
    assert_eq!(
        Size::nearest(1080, 1920, Resolution::K1).dims(),
        (768, 1360)
    );
    assert_eq!(Size::nearest(500, 500, Resolution::K1).dims(), (1024, 1024));
}
