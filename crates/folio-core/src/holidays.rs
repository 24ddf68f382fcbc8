//! Bank holidays in England and Wales, computed from the rules that set them (no yearly
//! table to fall out of date), and the next working day. A rights request's deadline that
//! falls on a weekend or a bank holiday moves to the next working day (the ICO's guidance
//! on the time to respond).
//!
//! The rules: New Year's Day, Good Friday, Easter Monday, the first and last Mondays of
//! May, the last Monday of August, Christmas Day and Boxing Day; a holiday on a Saturday or
//! Sunday is taken on the next weekday that is not already one. Holidays proclaimed once
//! (a coronation, a state funeral, a jubilee's moved spring holiday) cannot be computed and
//! are not known: on such a day the deadline shown is a day earlier than the law allows,
//! never later.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm of Meeus,
/// Jones and Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// The bank holidays of England and Wales in `year`, in date order.
pub fn bank_holidays(year: i32) -> Vec<NaiveDate> {
    let date = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
    let easter = easter_sunday(year);
    let mut days = Vec::with_capacity(8);
    // Fixed dates, each moved off a weekend to the next weekday not already taken.
    for fixed in [date(1, 1), date(12, 25), date(12, 26)] {
        let mut day = fixed;
        while is_weekend(day) || days.contains(&day) {
            day += Duration::days(1);
        }
        days.push(day);
    }
    days.push(easter - Duration::days(2));
    days.push(easter + Duration::days(1));
    days.push(first_monday(year, 5));
    days.push(last_monday(year, 5));
    days.push(last_monday(year, 8));
    days.sort();
    days
}

/// True on a Saturday, a Sunday or a bank holiday in England and Wales.
pub fn is_non_working(day: NaiveDate) -> bool {
    is_weekend(day) || bank_holidays(day.year()).contains(&day)
}

/// `day` itself when it is a working day, else the next working day after it.
pub fn on_or_next_working_day(day: NaiveDate) -> NaiveDate {
    let mut day = day;
    while is_non_working(day) {
        day += Duration::days(1);
    }
    day
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).unwrap_or(NaiveDate::MIN)
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let fifth = NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5);
    fifth
        .unwrap_or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4).unwrap_or(NaiveDate::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn easter_matches_the_published_dates() {
        for (year, month, day) in
            [(2000, 4, 23), (2019, 4, 21), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25)]
        {
            assert_eq!(easter_sunday(year), d(year, month, day), "{year}");
        }
    }

    #[test]
    fn the_holidays_match_gov_uk_for_england_and_wales() {
        // gov.uk/bank-holidays, England and Wales.
        assert_eq!(
            bank_holidays(2026),
            vec![
                d(2026, 1, 1),
                d(2026, 4, 3),
                d(2026, 4, 6),
                d(2026, 5, 4),
                d(2026, 5, 25),
                d(2026, 8, 31),
                d(2026, 12, 25),
                d(2026, 12, 28)
            ]
        );
        assert_eq!(
            bank_holidays(2027),
            vec![
                d(2027, 1, 1),
                d(2027, 3, 26),
                d(2027, 3, 29),
                d(2027, 5, 3),
                d(2027, 5, 31),
                d(2027, 8, 30),
                d(2027, 12, 27),
                d(2027, 12, 28)
            ]
        );
        // Christmas on a Saturday: both substitutes follow (2021).
        assert!(bank_holidays(2021).contains(&d(2021, 12, 27)) && bank_holidays(2021).contains(&d(2021, 12, 28)));
        // New Year's Day on a Sunday moves to Monday (2023).
        assert!(bank_holidays(2023).contains(&d(2023, 1, 2)));
    }

    #[test]
    fn a_weekend_or_holiday_moves_to_the_next_working_day() {
        assert_eq!(on_or_next_working_day(d(2026, 11, 30)), d(2026, 11, 30), "a Monday stays");
        assert_eq!(on_or_next_working_day(d(2026, 12, 26)), d(2026, 12, 29), "Saturday, Sunday, Boxing Day's Monday");
        assert_eq!(on_or_next_working_day(d(2026, 4, 3)), d(2026, 4, 7), "Good Friday to the Tuesday after Easter");
    }
}
