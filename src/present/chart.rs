//! Small charts made of characters, and the words beside them.

use crate::insights::{Balance, Cadence, CadenceStatus};

/// Bars of eight heights, one character per value.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            if *v == 0 {
                ' '
            } else {
                BARS[((*v * 7) / max) as usize]
            }
        })
        .collect()
}

/// Where a cadence stands, in words, so it reads without colour:
/// "ok", "due tomorrow", "3 days over", "never".
pub fn cadence_status_text(cadence: &Cadence) -> String {
    let (Some(days), Some(target)) = (cadence.days_since, cadence.target_days) else {
        return match cadence.target_days {
            Some(_) => "never".to_string(),
            None => "no target".to_string(),
        };
    };
    let left = i64::from(target) - days;
    match cadence.status() {
        CadenceStatus::Overdue => format!("{} over", super::days(-left)),
        CadenceStatus::DueSoon => format!("due {}", super::in_days(left)),
        CadenceStatus::OnTrack => "ok".to_string(),
        CadenceStatus::NoTarget => "no target".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cadence(days: Option<i64>, target: Option<u32>) -> Cadence {
        Cadence {
            name: "1:1",
            target_days: target,
            last: None,
            days_since: days,
        }
    }

    #[test]
    fn the_cadence_state_reads_in_words() {
        assert_eq!(
            cadence_status_text(&cadence(Some(6), Some(7))),
            "due tomorrow"
        );
        assert_eq!(cadence_status_text(&cadence(Some(7), Some(7))), "due today");
        assert_eq!(
            cadence_status_text(&cadence(Some(25), Some(30))),
            "due in 5 days"
        );
        assert_eq!(
            cadence_status_text(&cadence(Some(8), Some(7))),
            "1 day over"
        );
        assert_eq!(cadence_status_text(&cadence(Some(3), Some(7))), "ok");
        assert_eq!(cadence_status_text(&cadence(None, Some(7))), "never");
        assert_eq!(cadence_status_text(&cadence(Some(3), None)), "no target");
    }
}

/// Who starts the interactions: "95% started by me (39 of 41)", the same in
/// `rapport stats` and on Insights.
pub fn balance_text(balance: &Balance) -> String {
    let share = balance
        .share_by_me
        .map_or_else(|| "—".to_string(), |s| format!("{:.0}%", s * 100.0));
    format!(
        "{share} started by me ({} of {})",
        balance.by_me,
        balance.by_me + balance.by_them
    )
}

#[cfg(test)]
mod balance_tests {
    use super::*;

    #[test]
    fn the_balance_reads_as_a_share_and_a_count_of_the_whole() {
        let balance = Balance {
            by_me: 39,
            by_them: 2,
            share_by_me: Some(39.0 / 41.0),
            informal: 5,
            asks: 6,
        };
        assert_eq!(balance_text(&balance), "95% started by me (39 of 41)");
        let none = Balance {
            by_me: 0,
            by_them: 0,
            share_by_me: None,
            informal: 0,
            asks: 0,
        };
        assert_eq!(balance_text(&none), "— started by me (0 of 0)");
    }
}
