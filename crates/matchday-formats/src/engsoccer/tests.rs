//! Each layout on a few hand-written lines in the shape of its file.

use matchday_core::{Format, MatchStatus, PointsScheme, RuleSet, Score, Season, Venue};

use super::*;
use crate::FileFormat;

fn s(h: u32, a: u32) -> Score {
    Score::new(h, a).unwrap()
}

fn read(format: &str, text: &str) -> Reading {
    FileFormat::named(format)
        .unwrap()
        .read_counting_skips(text)
        .unwrap_or_else(|e| panic!("{format}: {e}"))
}

fn refused(format: &str, text: &str) -> ParseError {
    FileFormat::named(format)
        .unwrap()
        .read_counting_skips(text)
        .unwrap_err()
}

const LEAGUE: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"tier\",\"totgoal\",\"goaldif\",\"result\"\n";

#[test]
fn league_rows_make_one_season_per_division_named_as_it_was() {
    let csv = format!(
        "{LEAGUE}\"1888-09-08\",1888,\"Bolton Wanderers\",\"Derby County\",\"3-6\",3,6,\"1\",1,9,-3,\"A\"\n\
         \"1925-08-29\",1925,\"Bradford City\",\"Chesterfield\",\"1-0\",1,0,\"3N\",3,1,1,\"H\"\n\
         \"1925-08-29\",1925,\"Millwall\",\"Reading\",\"2-2\",2,2,\"3S\",3,4,0,\"D\"\n\
         \"1992-08-15\",1992,\"Arsenal\",\"Norwich City\",\"2-4\",2,4,\"1\",1,6,-2,\"A\"\n\
         \"1992-08-15\",1992,\"Brentford\",\"Wolverhampton Wanderers\",\"0-2\",0,2,\"2\",2,2,-2,\"A\"\n\
         \"2023-08-12\",2023,\"Arsenal\",\"Nottingham \"\"Forest\"\"\",\"2-1\",2,1,\"1\",1,3,1,\"H\"\n\
         \"2015-08-08\",2015,\"Aldershot\",\"Bromley\",\"0-2\",0,2,\"conference\",5,2,-2,\"A\"\n"
    );
    let reading = read("engsoccer", &csv);
    let names: Vec<String> = reading
        .seasons
        .iter()
        .map(|r| format!("{} {}", r.competition, r.season.unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "Football League 1888-89",
            "Third Division North 1925-26",
            "Third Division South 1925-26",
            "Premier League 1992-93",
            "First Division 1992-93",
            "Premier League 2023-24",
            "National League 2015-16",
        ]
    );
    for (i, r) in reading.seasons.iter().enumerate() {
        // The Football League below the Premier League ranked goals scored first in 1992-93.
        let rules = if i == 4 {
            RuleSet::FootballLeague1992
        } else {
            RuleSet::EnglishHistory
        };
        assert_eq!(
            (r.format, r.rules),
            (Some(Format::League), Some(rules)),
            "{}",
            r.competition
        );
        // Points come from the regulations of the season, as the store reads them.
        assert_eq!(r.points, None);
    }
    let rules = |i: usize| {
        let season = reading.seasons[i].season.unwrap();
        RuleSet::EnglishHistory.regulations(season).points()
    };
    assert_eq!((rules(0), rules(5)), (PointsScheme::TWO, PointsScheme::THREE));
    let m = &reading.seasons[5].matches[0];
    assert_eq!((m.away.as_str(), m.line), ("Nottingham \"Forest\"", 7));
    assert_eq!(m.status.result().unwrap().score(), Some(s(2, 1)));
    assert!(reading.skipped.is_empty());
}

#[test]
fn undated_league_rows_are_refused_unless_skipping_is_asked_for() {
    let csv = format!(
        "{LEAGUE}NA,1979,\"AP Leamington\",\"Altrincham\",\"1-4\",1,4,\"conference\",5,5,-3,\"A\"\n\
         NA,1980,\"AP Leamington\",\"Altrincham\",\"2-4\",2,4,\"conference\",5,6,-2,\"A\"\n\
         NA,1982,\"Altrincham\",\"Bath City\",\"2-0\",2,0,\"conference\",5,2,2,\"H\"\n\
         \"1999-08-14\",1999,\"Altrincham\",\"Stevenage Borough\",\"0-1\",0,1,\"conference\",5,1,-1,\"A\"\n"
    );
    let err = refused("engsoccer", &csv);
    assert_eq!(err.line, 2);
    assert!(
        err.message.starts_with(
            "3 rows have no date (Date is NA), in seasons 1979-80 to 1980-81, 1982-83: a match is stored with its day"
        ),
        "{err}"
    );
    assert!(err.message.contains("store the 1 dated rows"), "{err}");
    assert!(err.message.contains("--format engsoccer-skip-undated"), "{err}");
    let reading = read("engsoccer-skip-undated", &csv);
    assert_eq!(reading.seasons.len(), 1);
    assert_eq!(reading.seasons[0].competition, "Football Conference");
    assert_eq!(
        reading
            .skipped
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["3 rows without a date (seasons 1979-80 to 1980-81, 1982-83)"]
    );
}

#[test]
fn league_rows_of_a_division_that_did_not_exist_are_left_out_and_a_wrong_tier_refused() {
    let csv = format!(
        "{LEAGUE}\"1931-09-02\",1931,\"Wigan Borough\",\"Hull City\",\"3-1\",3,1,\"3\",3,4,2,\"H\"\n\
         \"1931-08-29\",1931,\"Hull City\",\"Chester\",\"2-0\",2,0,\"3N\",3,2,2,\"H\"\n"
    );
    let reading = read("engsoccer", &csv);
    assert_eq!(reading.seasons[0].competition, "Third Division North");
    assert_eq!(
        reading.skipped[0].to_string(),
        "1 rows of division \"3\" in 1931-32, when no English league was that division"
    );
    let csv =
        format!("{LEAGUE}\"1931-08-29\",1931,\"Hull City\",\"Chester\",\"2-0\",2,0,\"3N\",2,2,2,\"H\"\n");
    let err = refused("engsoccer", &csv);
    assert_eq!(
        err.to_string(),
        "line 2: division \"3N\" (Third Division North) was tier 3, not 2, in 1931-32"
    );
}

#[test]
fn bad_league_rows_name_their_line() {
    let row = |r: &str| format!("{LEAGUE}{r}\n");
    for (text, line, message) in [
        (
            row("\"1888-09-08\",1888,\"A\",\"B\",\"1-0\",NA,0,\"1\",1,1,1,\"H\""),
            2,
            "cannot read the goals",
        ),
        (
            row("\"1888-13-08\",1888,\"A\",\"B\",\"1-0\",1,0,\"1\",1,1,1,\"H\""),
            2,
            "cannot read the date",
        ),
        (
            row("\"1888-09-08\",\"x\",\"A\",\"B\",\"1-0\",1,0,\"1\",1,1,1,\"H\""),
            2,
            "cannot read the season",
        ),
        (row("\"1888-09-08\",1888,\"A\""), 2, "3 fields where the header"),
        ("\"Date\",\"home\"\n".to_string(), 1, "no \"Season\""),
    ] {
        let err = parse(&text).unwrap_err();
        assert_eq!(err.line, line, "{err}");
        assert!(err.message.contains(message), "{err}");
    }
}

#[test]
fn a_row_given_twice_is_counted_once_and_a_conflicting_one_refused() {
    let game =
        "\"2002-09-14\",2002,\"Woking\",\"Northwich Victoria\",\"1-1\",1,1,\"conference\",5,2,0,\"D\"\n";
    let mirrored =
        "\"2002-09-14\",2002,\"Northwich Victoria\",\"Woking\",\"1-1\",1,1,\"conference\",5,2,0,\"D\"\n";
    let reading = read("engsoccer", &format!("{LEAGUE}{game}{game}{mirrored}"));
    assert_eq!(reading.seasons[0].matches.len(), 1);
    assert_eq!(reading.skipped[0].rows, 2);
    let other =
        "\"2002-09-14\",2002,\"Woking\",\"Northwich Victoria\",\"2-1\",2,1,\"conference\",5,3,1,\"H\"\n";
    let err = refused("engsoccer", &format!("{LEAGUE}{game}{other}"));
    assert_eq!(err.line, 3);
    assert!(
        err.message
            .contains("given twice with different results (line 2 and here)"),
        "{err}"
    );
}

const FA_CUP: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"round\",\"tie\",\"aet\",\"pen\",\"pens\",\"hp\",\"vp\",\"Venue\",\"attendance\",\"nonmatch\",\"notes\",\"neutral\"\n";

#[test]
fn fa_cup_keeps_replays_extra_time_penalties_and_neutral_venues_and_counts_non_matches() {
    let csv = format!(
        "{FA_CUP}NA,1871,\"Royal Engineers\",\"Reigate Priory\",NA,NA,NA,\"1\",\"initial\",NA,NA,NA,NA,NA,NA,NA,\"Walkover\",\"Royal Engineers progress\",NA\n\
         NA,1871,\"Hampstead Heathens\",NA,NA,NA,NA,\"1\",\"none\",NA,NA,NA,NA,NA,NA,NA,\"Bye\",\"Hampstead Heathens progress\",NA\n\
         1880-02-19,1879,\"Nottingham Forest\",\"Sheffield\",\"2-2\",NA,NA,\"4\",\"initial\",NA,NA,NA,NA,NA,NA,NA,\"Sheffield disqualified\",\"Nottingham Forest progress\",NA\n\
         1872-03-16,1871,\"Wanderers\",\"Royal Engineers\",\"1-0\",1,0,\"f\",\"initial\",NA,NA,NA,NA,NA,\"Kennington Oval\",\"2,000\",NA,NA,\"yes\"\n\
         1992-01-04,1991,\"AFC Bournemouth\",\"Newcastle United\",\"0-0\",0,0,\"3\",\"initial\",NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n\
         1992-01-22,1991,\"Newcastle United\",\"AFC Bournemouth\",\"2-2\",2,2,\"3\",\"replay\",\"yes\",\"yes\",\"4-3 AFC Bournemouth\",\"3\",\"4\",NA,NA,NA,NA,NA\n\
         1992-04-13,1991,\"Liverpool\",\"Portsmouth\",\"1-1\",1,1,\"s\",\"initial\",\"yes\",NA,NA,NA,NA,\"Highbury\",\"50,000\",NA,NA,\"yes\"\n\
         1992-01-29,1991,\"AFC Bournemouth\",\"Newcastle United\",\"1-1\",1,1,\"3\",\"replay2\",NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n\
         1945-11-24,1945,\"Queens Park Rangers\",\"Barnet\",\"2-1\",2,1,\"1\",\"leg2\",NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n\
         1971-05-07,1970,\"Stoke City\",\"Everton\",\"3-2\",3,2,\"3pp\",\"initial\",NA,NA,NA,NA,NA,\"Selhurst Park, London\",\"5,031\",NA,NA,\"yes\"\n"
    );
    let reading = read("engsoccer-facup", &csv);
    let seasons: Vec<String> = reading
        .seasons
        .iter()
        .map(|r| {
            format!(
                "{} {} {:?} {}",
                r.competition,
                r.season.unwrap(),
                r.format,
                r.matches.len()
            )
        })
        .collect();
    assert_eq!(
        seasons,
        [
            "FA Cup 1871-72 Some(Knockout) 1",
            "FA Cup 1991-92 Some(Knockout) 4",
            "FA Cup 1945-46 Some(Knockout) 1",
            "FA Cup 1970-71 Some(Knockout) 1",
        ]
    );
    let final_ = &reading.seasons[0].matches[0];
    assert_eq!(
        (final_.round.as_deref(), final_.venue),
        (Some("Final"), Venue::Neutral)
    );
    let [first, replay, semi, second_replay] = &reading.seasons[1].matches[..] else {
        panic!()
    };
    // A second replay is a match of its own, in the same round.
    assert_eq!(
        (second_replay.round.as_deref(), second_replay.replay),
        (Some("Round 3, second replay"), true)
    );
    assert_eq!(
        matchday_core::Stage::from_labels(None, second_replay.round.as_deref()),
        Ok(matchday_core::Stage::Knockout(matchday_core::Round::Numbered(3)))
    );
    assert_eq!((first.round.as_deref(), first.replay), (Some("Round 3"), false));
    assert!(replay.replay);
    let r = replay.status.result().unwrap();
    // After extra time the 90 minutes are not given, so stay absent.
    assert_eq!(
        (r.score(), r.extra_time(), r.penalties()),
        (None, Some(s(2, 2)), Some(s(3, 4)))
    );
    assert_eq!(r.to_string(), "2-2 aet, 3-4 pens");
    assert_eq!(
        (semi.round.as_deref(), semi.venue),
        (Some("Semi-final"), Venue::Neutral)
    );
    assert_eq!(semi.status.result().unwrap().to_string(), "1-1 aet");
    assert_eq!(reading.seasons[2].matches[0].leg, Some(2));
    assert_eq!(
        reading.seasons[3].matches[0].round.as_deref(),
        Some("Third place play-off")
    );
    let skipped: Vec<String> = reading.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        [
            "1 FA Cup rows marked \"walkover\" (no result that counts)",
            "1 FA Cup rows marked \"bye\" (no result that counts)",
            "1 FA Cup rows marked \"disqualification\" (no result that counts)",
        ]
    );
    // A match row with no date is refused: nothing is invented.
    let undated =
        format!("{FA_CUP}NA,1871,\"A\",\"B\",\"1-0\",1,0,\"1\",\"initial\",NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n");
    assert!(
        refused("engsoccer-facup", &undated)
            .message
            .contains("cannot read the date")
    );
    let bad_round = format!(
        "{FA_CUP}1872-01-01,1871,\"A\",\"B\",\"1-0\",1,0,\"x\",\"initial\",NA,NA,NA,NA,NA,NA,NA,NA,NA,NA\n"
    );
    assert_eq!(
        refused("engsoccer-facup", &bad_round).to_string(),
        "line 2: cannot read the round in \"x\""
    );
}

const LEAGUE_CUP: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"round\",\"tie\",\"leg\",\"aet\",\"pens\",\"Venue\",\"attendance\",\"northsouth\"\n";

#[test]
fn league_cup_keeps_legs_and_replays_and_puts_one_match_finals_on_neutral_ground() {
    let csv = format!(
        "{LEAGUE_CUP}1961-08-22,1960,\"Rotherham United\",\"Aston Villa\",\"2-0\",2,0,\"final\",\"initial\",1,NA,NA,NA,NA,NA\n\
         1961-08-29,1960,\"Aston Villa\",\"Rotherham United\",\"3-0\",3,0,\"final\",\"initial\",2,NA,NA,NA,NA,NA\n\
         1977-03-12,1976,\"Aston Villa\",\"Everton\",\"0-0\",0,0,\"final\",\"initial\",0,NA,NA,NA,NA,NA\n\
         1977-03-16,1976,\"Aston Villa\",\"Everton\",\"1-1\",1,1,\"final\",\"replay1\",0,NA,NA,NA,NA,NA\n\
         1984-11-20,1984,\"Southampton\",\"Queens Park Rangers\",\"1-1\",1,1,\"4\",\"initial\",0,NA,NA,NA,NA,NA\n\
         1984-11-27,1984,\"Queens Park Rangers\",\"Southampton\",\"0-0\",0,0,\"4\",\"replay1\",0,NA,NA,NA,NA,NA\n\
         1984-12-05,1984,\"Southampton\",\"Queens Park Rangers\",\"4-0\",4,0,\"4\",\"check_replay_data\",0,NA,NA,NA,NA,NA\n\
         1984-11-06,1984,\"Chelsea\",\"Walsall\",\"3-0\",3,0,\"3\",\"check_replay_data\",0,NA,NA,NA,NA,NA\n\
         2016-02-28,2015,\"Liverpool\",\"Manchester City\",\"1-1\",1,1,\"Final\",\"initial\",1,NA,NA,\"Wembley Stadium\",86206,NA\n\
         2016-01-05,2015,\"Stoke City\",\"Liverpool\",\"0-1\",0,1,\"Semi-final\",\"initial\",1,NA,NA,NA,NA,NA\n\
         2016-01-26,2015,\"Liverpool\",\"Stoke City\",\"0-1\",0,1,\"Semi-final\",\"initial\",2,NA,NA,NA,NA,NA\n"
    );
    let reading = read("engsoccer-leaguecup", &csv);
    let shown = |m: &matchday_core::MatchRecord| (m.round.clone().unwrap(), m.leg, m.replay, m.venue);
    let all: Vec<_> = reading
        .seasons
        .iter()
        .flat_map(|r| r.matches.iter().map(shown))
        .collect();
    let f = |leg, replay, venue| ("Final".to_string(), leg, replay, venue);
    let sf = |leg| ("Semi-final".to_string(), Some(leg), false, Venue::Home);
    let r4 = |label: &str, replay| (label.to_string(), None, replay, Venue::Home);
    assert_eq!(
        all,
        [
            f(Some(1), false, Venue::Home),
            f(Some(2), false, Venue::Home),
            f(None, false, Venue::Neutral),
            f(None, true, Venue::Neutral),
            r4("Round 4", false),
            r4("Round 4", true),
            // Unchecked in the source, but the clubs had met twice in the round.
            r4("Round 4, second replay", true),
            ("Round 3".to_string(), None, false, Venue::Home),
            // The file writes leg 1 for a one-match final: without a second leg it is one.
            f(None, false, Venue::Neutral),
            sf(1),
            sf(2),
        ]
    );
    assert_eq!(reading.seasons[0].competition, "League Cup");
}

const CHAMPS: &str = "\"Date\",\"Season\",\"round\",\"leg\",\"home\",\"visitor\",\"FT\",\"HT\",\"aet\",\"pens\",\"hgoal\",\"vgoal\",\"FTagg_home\",\"FTagg_visitor\",\"aethgoal\",\"aetvgoal\",\"tothgoal\",\"totvgoal\",\"totagg_home\",\"totagg_visitor\",\"tiewinner\",\"hcountry\",\"vcountry\"\n";

#[test]
fn european_cup_keeps_half_time_extra_time_penalties_legs_groups_and_awarded_scores() {
    let csv = format!(
        "{CHAMPS}1984-05-30,1983,\"final\",NA,\"Liverpool\",\"AS Roma\",\"1-1\",\"1-1\",\"1-1\",\"4-2\",1,1,1,1,1,1,1,1,1,1,\"Liverpool\",\"ENG\",\"ITA\"\n\
         1967-10-01,1967,\"Round1\",\"2\",\"Jeunesse Esch\",\"Valur Reykjavik\",\"3-3\",\"0-2\",NA,\"away goals\",3,3,4,4,NA,NA,3,3,4,4,\"Valur Reykjavik\",\"LUX\",\"ISL\"\n\
         1991-03-20,1990,\"QF\",\"2\",\"Olympique Marseille\",\"AC Milan\",\"3-0\",NA,NA,\"walkover\",3,0,4,1,NA,NA,3,0,4,1,\"Olympique Marseille\",\"FRA\",\"ITA\"\n\
         1992-11-25,1992,\"GroupA\",\"groups\",\"Club Brugge\",\"CSKA Moscow\",\"1-0\",\"0-0\",NA,NA,1,0,1,0,NA,NA,1,0,1,0,NA,\"BEL\",\"RUS\"\n\
         2000-11-21,2000,\"GroupA-inter\",\"groups\",\"Valencia\",\"Sturm Graz\",\"2-0\",\"1-0\",NA,NA,2,0,2,0,NA,NA,2,0,2,0,NA,\"ESP\",\"AUT\"\n\
         2000-09-12,2000,\"GroupA-prelim\",\"groups\",\"Real Madrid\",\"Sporting CP\",\"4-0\",\"2-0\",NA,NA,4,0,4,0,NA,NA,4,0,4,0,NA,\"ESP\",\"POR\"\n\
         2009-03-11,2008,\"R16\",\"2\",\"Arsenal\",\"AS Roma\",\"1-0\",\"1-0\",\"1-0\",\"7-6 \",1,0,1,1,1,0,1,0,1,1,\"Arsenal\",\"ENG\",\"ITA\"\n"
    );
    let reading = read("engsoccer-champs", &csv);
    let final_ = &reading.seasons[0];
    assert_eq!(
        (final_.competition.as_str(), final_.format, final_.away_goals),
        ("European Cup", Some(Format::Knockout), Some(true))
    );
    let m = &final_.matches[0];
    assert_eq!(
        (m.round.as_deref(), m.venue, m.leg),
        (Some("Final"), Venue::Neutral, None)
    );
    let r = m.status.result().unwrap();
    assert_eq!(
        (r.score(), r.half_time(), r.extra_time(), r.penalties()),
        (Some(s(1, 1)), Some(s(1, 1)), Some(s(1, 1)), Some(s(4, 2)))
    );
    assert_eq!(r.winner(), Some(matchday_core::Side::Home));
    let away_goals = &reading.seasons[1].matches[0];
    assert_eq!(
        (away_goals.leg, away_goals.round.as_deref()),
        (Some(2), Some("Round 1"))
    );
    assert_eq!(away_goals.status.result().unwrap().penalties(), None);
    assert!(matches!(
        reading.seasons[2].matches[0].status,
        MatchStatus::Awarded(_)
    ));
    let groups = &reading.seasons[3];
    assert_eq!(
        (
            groups.competition.as_str(),
            groups.format,
            groups.matches[0].group.as_deref()
        ),
        ("Champions League", Some(Format::GroupsKnockout), Some("A"))
    );
    let two_stages: Vec<_> = reading.seasons[4]
        .matches
        .iter()
        .map(|m| (m.round.as_deref(), m.group.as_deref()))
        .collect();
    assert_eq!(
        two_stages,
        [
            (Some("Second group stage"), Some("Second stage A")),
            (Some("First group stage"), Some("A"))
        ]
    );
    // A second leg's extra time follows a level aggregate.
    let r = reading.seasons[5].matches[0].status.result().unwrap();
    assert_eq!(
        (r.score(), r.extra_time(), r.penalties()),
        (Some(s(1, 0)), Some(s(1, 0)), Some(s(7, 6)))
    );
    assert_eq!(Season::starting(2008), reading.seasons[5].season.unwrap());
}

const PLAY_OFFS: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"division\",\"round\",\"tie\",\"htier\",\"vtier\",\"aet\",\"pen\",\"pens\",\"Venue\",\"attendance\",\"neutral\"\n";

#[test]
fn play_offs_read_r_day_numbers_and_shoot_outs_that_name_their_winner() {
    let csv = format!(
        "{PLAY_OFFS}\"1893-04-22\",1892,\"Sheffield United\",\"Accrington F.C.\",\"1-0\",1,0,\"test match\",\"f\",\"initial\",2,1,NA,NA,NA,\"Castle Ground, Nottingham\",\"6,000\",\"yes\"\n\
         \"1991-05-31\",1990,\"Torquay United\",\"Blackpool\",\"2-2\",2,2,\"4\",\"f\",\"initial\",4,4,\"yes\",\"yes\",\"5-4 Torquay United\",\"Wembley, London (original)\",\"21,615\",\"yes\"\n\
         \"18017\",2018,\"AFC Fylde\",\"Harrogate Town\",\"3-1\",3,1,\"conference\",\"q\",\"initial\",5,5,NA,NA,NA,NA,\"1560\",NA\n\
         \"18027\",2018,\"Warrington Town\",\"King's Lynn Town\",\"2-3\",2,3,\"N\",\"spf\",\"initial\",7,7,NA,NA,NA,NA,\"2200\",NA\n\
         \"2019-05-13\",2018,\"Leeds United\",\"Derby County\",\"2-1\",2,1,\"2\",\"s\",\"leg1\",2,2,NA,NA,NA,NA,NA,NA\n\
         \"2019-05-15\",2018,\"Derby County\",\"Leeds United\",\"1-0\",1,0,\"2\",\"s\",\"leg2\",2,2,NA,NA,NA,NA,NA,NA\n"
    );
    let reading = read("engsoccer-playoffs", &csv);
    let names: Vec<String> = reading
        .seasons
        .iter()
        .map(|r| format!("{} {}", r.competition, r.season.unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "Test matches 1892-93",
            "Fourth Division play-offs 1990-91",
            "National League play-offs 2018-19",
            "Non-League play-offs N 2018-19",
            "Championship play-offs 2018-19",
        ]
    );
    let torquay = &reading.seasons[1].matches[0];
    assert_eq!(torquay.status.result().unwrap().to_string(), "2-2 aet, 5-4 pens");
    assert_eq!(torquay.venue, Venue::Neutral);
    // 18017 days after 1970-01-01.
    assert_eq!(reading.seasons[2].matches[0].date.to_string(), "2019-05-01");
    assert_eq!(
        reading.seasons[2].matches[0].round.as_deref(),
        Some("Quarter-final")
    );
    assert_eq!(reading.seasons[4].matches[1].leg, Some(2));
    let wrong = csv.replace("5-4 Torquay United", "5-4 Exeter City");
    assert!(
        refused("engsoccer-playoffs", &wrong)
            .message
            .contains("name neither Torquay United nor Blackpool")
    );
}

#[test]
fn deductions_are_dated_at_the_seasons_end_in_the_league_of_their_tier() {
    let csv = "\"Season\",\"team\",\"tier\",\"deduction\",\"country\"\n\
               2014,\"Rotherham United\",2,3,\"England\"\n\
               1926,\"Stockport County\",3,2,\"England\"\n\
               2009,\"Portsmouth\",1,9,\"England\"\n\
               1990,\"Arsenal\",1,2,\"England\"\n\
               1990,\"Manchester United\",1,1,\"England\"\n";
    let reading = read("engsoccer-deductions", csv);
    let got: Vec<String> = reading
        .seasons
        .iter()
        .flat_map(|r| {
            r.deductions.iter().map(move |d| {
                format!(
                    "{} {}: {} {} on {}",
                    r.competition,
                    r.season.unwrap(),
                    d.team,
                    d.points,
                    d.effective
                )
            })
        })
        .collect();
    assert_eq!(
        got,
        [
            "Championship 2014-15: Rotherham United 3 on 2015-08-31",
            "Premier League 2009-10: Portsmouth 9 on 2010-08-31",
            "First Division 1990-91: Arsenal 2 on 1991-08-31",
            "First Division 1990-91: Manchester United 1 on 1991-08-31",
        ]
    );
    assert!(reading.seasons.iter().all(|r| r.matches.is_empty()));
    assert!(
        reading.seasons[0].deductions[0]
            .reason
            .contains("dated at the season's end")
    );
    assert_eq!(
        reading.skipped[0].to_string(),
        "1 deductions in a tier split North and South that the file does not place (season 1926-27)"
    );
}

#[test]
fn each_layout_is_told_from_its_header_and_another_csv_is_refused_naming_what_it_lacks() {
    let detected = |text: &str| FileFormat::detect(text).name();
    assert_eq!(detected(LEAGUE), "engsoccer");
    assert_eq!(detected(FA_CUP), "engsoccer-facup");
    assert_eq!(detected(LEAGUE_CUP), "engsoccer-leaguecup");
    assert_eq!(detected(CHAMPS), "engsoccer-champs");
    assert_eq!(detected(PLAY_OFFS), "engsoccer-playoffs");
    assert_eq!(
        detected("\"Season\",\"team\",\"tier\",\"deduction\",\"country\"\n"),
        "engsoccer-deductions"
    );
    // Columns in another order, unquoted, are the same layout.
    assert_eq!(
        detected("tier,vgoal,hgoal,visitor,home,division,Season,Date\n"),
        "engsoccer"
    );
    let teamnames = "\"country\",\"name\",\"name_other\",\"most_recent\"\n\"England\",\"Sutton United\",\"Sutton United\",NA\n";
    assert_eq!(detected(teamnames), "unknown-csv");
    // Sharing no column with any layout, it is not called a near miss of one.
    let err = FileFormat::detect(teamnames).read(teamnames).unwrap_err();
    assert!(
        err.message.starts_with(
            "the header \"country,name,name_other,most_recent\" is not one matchday knows; \
             it reads football-data.co.uk's"
        ),
        "{err}"
    );
    let almost = "\"Date\",\"Season\",\"home\",\"visitor\",\"hgoal\",\"vgoal\",\"round\",\"tie\"\n";
    let err = FileFormat::detect(almost).read(almost).unwrap_err();
    assert!(
        err.message
            .contains("the closest, leaguecup.csv, needs the columns leg"),
        "{err}"
    );
    // A named layout that does not fit says which columns are missing.
    let err = refused("engsoccer-champs", LEAGUE);
    assert!(
        err.message
            .starts_with("no \"round\", \"leg\", \"HT\", \"aet\", \"pens\", \"tiewinner\" column"),
        "{err}"
    );
    // Text that is not CSV is left to the other formats.
    assert_eq!(detected("= English Premier League 2023/24\n"), "football.txt");
    assert_eq!(detected("▪ Finals, Round of 16\n"), "football.txt");
}

/// `germany.csv`'s header: `england.csv`'s columns without its repeats, tier before division.
const GERMANY_HEADER: &str =
    "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"tier\",\"division\"\n";

#[test]
fn german_rows_are_german_leagues_under_german_rules_not_english_divisions() {
    let csv = format!(
        "{GERMANY_HEADER}\"1965-08-14\",1965,\"Nordstadt\",\"Sudhafen\",\"2-1\",2,1,1,\"1\"\n\
         \"1974-08-03\",1974,\"Westdorf\",\"Ostheim\",\"0-0\",0,0,2,\"2North\"\n\
         \"1985-08-09\",1985,\"Nordstadt\",\"Sudhafen\",\"3-0\",3,0,1,\"1\"\n\
         \"1985-08-10\",1985,\"Westdorf\",\"Ostheim\",\"1-1\",1,1,2,\"2\"\n\
         \"1991-07-27\",1991,\"Westdorf\",\"Ostheim\",\"1-2\",1,2,2,\"2South\"\n\
         \"2012-08-24\",2012,\"Sudhafen\",\"Nordstadt\",\"0-1\",0,1,1,\"1\"\n"
    );
    assert_eq!(FileFormat::detect(&csv).name(), "engsoccer-germany");
    let reading = read("engsoccer-germany", &csv);
    let names: Vec<String> = reading
        .seasons
        .iter()
        .map(|r| format!("{} {}", r.competition, r.season.unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "Bundesliga 1965-66",
            "2. Bundesliga Nord 1974-75",
            "Bundesliga 1985-86",
            "2. Bundesliga 1985-86",
            "2. Bundesliga Süd 1991-92",
            "Bundesliga 2012-13",
        ]
    );
    assert!(
        reading
            .seasons
            .iter()
            .all(|r| r.rules == Some(RuleSet::GermanHistory) && r.format == Some(Format::League))
    );
    let regulations = |i: usize| RuleSet::GermanHistory.regulations(reading.seasons[i].season.unwrap());
    // Two points for a win in 1985-86, three in 2012-13; goal quotient in 1965-66.
    assert_eq!(regulations(2).points(), PointsScheme::TWO);
    assert_eq!(regulations(5).points(), PointsScheme::THREE);
    assert_eq!(
        regulations(0).criteria()[1],
        matchday_core::TieBreaker::GoalAverage
    );
    // 1991-92's second stage: two clubs meeting again at the same ground are left out
    // and counted, the record holding the first stage.
    let split = format!(
        "{GERMANY_HEADER}\"1991-07-27\",1991,\"Westdorf\",\"Ostheim\",\"1-2\",1,2,2,\"2South\"\n\
         \"1992-04-04\",1991,\"Westdorf\",\"Ostheim\",\"3-0\",3,0,2,\"2South\"\n"
    );
    let reading = read("engsoccer-germany", &split);
    assert_eq!(reading.seasons[0].matches.len(), 1);
    assert_eq!(
        reading.seasons[0].matches[0].status.result().unwrap().score(),
        Some(s(1, 2))
    );
    assert!(
        reading.skipped[0]
            .to_string()
            .starts_with("1 rows of the 2. Bundesliga Süd 1991-92 second stage"),
        "{:?}",
        reading.skipped
    );
    // A German division that did not exist that season is left out and counted, as an
    // English one is.
    let early = format!("{GERMANY_HEADER}\"1963-08-24\",1963,\"A\",\"B\",\"1-0\",1,0,2,\"2\"\n");
    let reading = read("engsoccer-germany", &early);
    assert_eq!(
        reading.skipped[0].to_string(),
        "1 rows of division \"2\" in 1963-64, when no German league was that division"
    );
}

/// `spain.csv`'s header.
const SPAIN_HEADER: &str = "\"Date\",\"Season\",\"home\",\"visitor\",\"HT\",\"FT\",\"hgoal\",\"vgoal\",\"tier\",\"round\",\"group\",\"notes\"\n";

#[test]
fn spanish_rows_are_the_primera_division_with_half_times_awards_and_the_second_phase_counted() {
    let csv = format!(
        "{SPAIN_HEADER}\"1929-02-10\",1928,\"Villa Alta\",\"Puerto Bajo\",\"0-2\",\"2-3\",2,3,1,\"league\",NA,NA\n\
         \"1980-03-30\",1979,\"Puerto Bajo\",\"Villa Alta\",\"0-0\",\"0-1\",0,1,1,\"league\",NA,\"1-0 win awarded to Villa Alta\"\n\
         \"1987-04-12\",1986,\"Villa Alta\",\"Puerto Bajo\",\"0-1\",\"1-2\",1,2,1,\"phase2\",\"B\",NA\n\
         \"1987-04-19\",1986,\"Puerto Bajo\",\"Villa Alta\",\"0-0\",\"0-0\",0,0,1,\"phase2\",\"B\",NA\n\
         \"2014-08-23\",2014,\"Villa Alta\",\"Puerto Bajo\",NA,\"1-1\",1,1,1,\"league\",NA,NA\n"
    );
    assert_eq!(FileFormat::detect(&csv).name(), "engsoccer-spain");
    let reading = read("engsoccer-spain", &csv);
    let names: Vec<String> = reading
        .seasons
        .iter()
        .map(|r| format!("{} {}", r.competition, r.season.unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            "Primera División 1928-29",
            "Primera División 1979-80",
            "Primera División 2014-15",
        ]
    );
    assert!(
        reading
            .seasons
            .iter()
            .all(|r| r.rules == Some(RuleSet::SpanishHistory))
    );
    let first = &reading.seasons[0].matches[0];
    let result = first.status.result().unwrap();
    assert_eq!(
        (result.score(), result.half_time()),
        (Some(s(2, 3)), Some(s(0, 2)))
    );
    let awarded = &reading.seasons[1].matches[0];
    assert!(matches!(awarded.status, MatchStatus::Awarded(_)), "{awarded:?}");
    assert_eq!(awarded.status.result().unwrap().score(), Some(s(0, 1)));
    assert_eq!(
        reading.seasons[2].matches[0].status.result().unwrap().half_time(),
        None
    );
    assert_eq!(
        reading.skipped[0].to_string(),
        "2 rows of the 1986-87 second phase (three groups, each club keeping its points), \
         which a season's record of one league cannot hold"
    );
    let regulations = |i: usize| RuleSet::SpanishHistory.regulations(reading.seasons[i].season.unwrap());
    assert_eq!(regulations(1).points(), PointsScheme::TWO);
    assert_eq!(regulations(2).points(), PointsScheme::THREE);
    // A round or a note the layout does not know is refused at its line.
    let odd =
        format!("{SPAIN_HEADER}\"1929-02-10\",1928,\"A\",\"B\",\"0-0\",\"1-0\",1,0,1,\"playoff\",NA,NA\n");
    let err = refused("engsoccer-spain", &odd);
    assert_eq!(
        (err.line, err.message.as_str()),
        (2, "cannot read the round (league or phase2) in \"playoff\"")
    );
    let odd = format!(
        "{SPAIN_HEADER}\"1929-02-10\",1928,\"A\",\"B\",\"0-0\",\"1-0\",1,0,1,\"league\",NA,\"abandoned\"\n"
    );
    assert_eq!(refused("engsoccer-spain", &odd).line, 2);
}

#[test]
fn other_countries_files_are_refused_naming_their_layout_never_read_as_english() {
    // scotland.csv: england.csv's header, football-data.co.uk's division codes.
    let scotland = format!(
        "{LEAGUE}\"1994-08-13\",1994,\"Glen Athletic\",\"Loch Rovers\",\"3-1\",3,1,\"SC0\",1,4,2,\"H\"\n"
    );
    assert_eq!(FileFormat::detect(&scotland).name(), "engsoccer");
    let err = FileFormat::detect(&scotland).read(&scotland).unwrap_err();
    assert_eq!(err.line, 2);
    assert_eq!(
        err.message,
        "division \"SC0\": this is engsoccerdata's scotland.csv layout (Scottish leagues), which \
         matchday does not read; its league layouts are england.csv, england5.csv, germany.csv and spain.csv"
    );
    // france.csv writes "1" until 2015-16: its F1 rows refuse the whole file.
    let france = format!(
        "{LEAGUE}\"1933-07-01\",1932,\"Port Vieux\",\"Mont Blanc\",\"5-1\",5,1,\"1\",1,6,4,\"H\"\n\
         \"2016-08-12\",2016,\"Port Vieux\",\"Mont Blanc\",\"0-1\",0,1,\"F1\",1,1,-1,\"A\"\n"
    );
    let err = FileFormat::detect(&france).read(&france).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(err.message.contains("france.csv layout"), "{err}");
    // italy.csv has all of england.csv's columns, tier before division, and holland.csv
    // no division: their headers name them.
    let italy = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"tier\",\"division\",\"totgoal\",\"goaldif\",\"result\"\n\
                 \"1929-10-06\",1929,\"Torre\",\"Lago\",\"3-2\",3,2,1,\"1\",5,1,\"H\"\n";
    let holland = "\"Date\",\"Season\",\"home\",\"visitor\",\"FT\",\"hgoal\",\"vgoal\",\"tier\"\n\
                   \"1956-09-02\",1956,\"Dijk\",\"Polder\",\"1-0\",1,0,1\n";
    for (text, file) in [(italy, "italy.csv"), (holland, "holland.csv")] {
        assert_eq!(FileFormat::detect(text).name(), "unknown-csv", "{file}");
        let err = FileFormat::detect(text).read(text).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(
            err.message
                .starts_with(&format!("this is engsoccerdata's {file} layout")),
            "{err}"
        );
        assert!(!err.message.contains('\n'));
    }
}

mod never_panics {
    use proptest::prelude::*;

    use super::super::LAYOUTS;

    /// A field as R writes them, nearly right more often than not.
    fn field() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("NA".to_string()),
            "[0-9]{1,2}",
            "19[0-9]{2}",
            "\"19[0-9]{2}-[01][0-9]-[0-3][0-9]\"",
            "1[0-9]{4}",
            "\"[0-9]-[0-9]\"",
            "\"[0-9]-[0-9] [A-C]\"",
            "\"(yes|initial|replay|replay2|leg1|leg2|groups|final|f|s|3N|conference|Walkover|GroupA|Q-1)\"",
            "\"[A-C]\"",
            "[ -~]{0,6}",
        ]
    }

    proptest! {
        /// No row under any layout's header makes a reader panic, and an
        /// error is one short line.
        #[test]
        fn rows_under_any_header(rows in proptest::collection::vec(proptest::collection::vec(field(), 1..24), 0..12)) {
            let body: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
            for layout in LAYOUTS {
                let text = format!("{}\n{}\n", layout.columns.join(","), body.join("\n"));
                if let Err(err) = layout.read(&text) {
                    let message = err.to_string();
                    prop_assert!(message.chars().count() < 1000, "{message}");
                    prop_assert!(!message.contains('\n'), "{message}");
                }
            }
        }
    }
}

#[test]
fn european_cup_play_offs_coin_tosses_qualifying_rounds_and_legs_numbered_alike() {
    // Hand-made rows in the file's shape (invented clubs): a tie level after two legs,
    // settled by a play-off and then a coin toss; a qualifying play-off round; a
    // preliminary round whose two legs the file numbers alike.
    let csv = format!(
        "{CHAMPS}1960-10-01,1960,\"Round1\",\"1\",\"Northfield\",\"Southbury\",\"1-1\",\"0-0\",NA,NA,1,1,1,1,NA,NA,1,1,1,1,NA,\"ENG\",\"SCO\"\n\
         1960-10-08,1960,\"Round1\",\"2\",\"Southbury\",\"Northfield\",\"2-2\",\"1-1\",NA,NA,2,2,3,3,NA,NA,2,2,3,3,NA,\"SCO\",\"ENG\"\n\
         1960-10-15,1960,\"Round1\",\"replay\",\"Southbury\",\"Northfield\",\"0-0\",\"0-0\",\"0-0\",\"coin toss\",0,0,3,3,0,0,0,0,3,3,\"Northfield\",\"SCO\",\"ENG\"\n\
         2010-08-17,2010,\"Q-PO\",\"1\",\"Eastwick\",\"Westley\",\"2-0\",\"1-0\",NA,NA,2,0,2,0,NA,NA,2,0,2,0,NA,\"ENG\",\"WAL\"\n\
         1992-08-19,1992,\"PrelimF\",\"2\",\"Eastwick\",\"Westley\",\"3-0\",NA,NA,NA,3,0,3,0,NA,NA,3,0,3,0,\"Eastwick\",\"ENG\",\"WAL\"\n\
         1992-09-02,1992,\"PrelimF\",\"2\",\"Westley\",\"Eastwick\",\"0-2\",NA,NA,NA,0,2,0,5,NA,NA,0,2,0,5,\"Eastwick\",\"WAL\",\"ENG\"\n"
    );
    let reading = read("engsoccer-champs", &csv);
    let early = &reading.seasons[0].matches;
    let play_off = &early[2];
    assert_eq!((play_off.leg, play_off.replay), (None, true));
    let r = play_off.status.result().unwrap();
    assert_eq!(
        r.settlement(),
        Some(matchday_core::Settlement::Lot(matchday_core::Side::Away)),
        "the tiewinner, Northfield, is the visitors"
    );
    assert_eq!(r.winner(), Some(matchday_core::Side::Away));
    assert_eq!(
        reading.seasons[1].matches[0].round.as_deref(),
        Some("Qualifying play-off round")
    );
    let legs: Vec<_> = reading.seasons[2]
        .matches
        .iter()
        .map(|m| (m.home.as_str(), m.leg))
        .collect();
    assert_eq!(legs, [("Eastwick", Some(1)), ("Westley", Some(2))]);

    // A coin toss whose winner is neither club is refused, never guessed.
    let bad = format!(
        "{CHAMPS}1960-10-15,1960,\"Round1\",\"replay\",\"Southbury\",\"Northfield\",\"0-0\",\"0-0\",\"0-0\",\"coin toss\",0,0,3,3,0,0,0,0,3,3,\"Eastwick\",\"SCO\",\"ENG\"\n"
    );
    assert!(
        refused("engsoccer-champs", &bad)
            .to_string()
            .contains("the winner of the coin toss"),
    );
}

#[test]
fn league_cup_ties_left_level_go_to_the_club_of_the_next_round_how_not_recorded() {
    use matchday_core::{Settlement, Side};
    // Hand-made rows (invented clubs). 2005-06: a level first-round tie, Westley going
    // on to round 2; a level final, which no later round decides. 1970-71: a level
    // tie before shoot-outs (a replay missing from the file). 1990-91 and 2018-19:
    // two legs level on aggregate, with and without away goals counting.
    let csv = format!(
        "{LEAGUE_CUP}2005-08-23,2005,\"Eastwick\",\"Westley\",\"1-1\",1,1,\"1\",\"initial\",0,NA,NA,NA,NA,NA\n\
         2005-09-20,2005,\"Westley\",\"Northfield\",\"0-2\",0,2,\"2\",\"initial\",0,NA,NA,NA,NA,NA\n\
         2006-02-26,2005,\"Northfield\",\"Southbury\",\"2-2\",2,2,\"final\",\"initial\",0,NA,NA,NA,NA,NA\n\
         1970-09-09,1970,\"Eastwick\",\"Westley\",\"1-1\",1,1,\"2\",\"initial\",0,NA,NA,NA,NA,NA\n\
         1970-10-07,1970,\"Westley\",\"Northfield\",\"0-2\",0,2,\"3\",\"initial\",0,NA,NA,NA,NA,NA\n\
         1990-08-28,1990,\"Eastwick\",\"Westley\",\"1-0\",1,0,\"1\",\"initial\",1,NA,NA,NA,NA,NA\n\
         1990-09-04,1990,\"Westley\",\"Eastwick\",\"1-0\",1,0,\"1\",\"initial\",2,NA,NA,NA,NA,NA\n\
         1990-08-28,1990,\"Northfield\",\"Southbury\",\"2-1\",2,1,\"1\",\"initial\",1,NA,NA,NA,NA,NA\n\
         1990-09-04,1990,\"Southbury\",\"Northfield\",\"1-0\",1,0,\"1\",\"initial\",2,NA,NA,NA,NA,NA\n\
         1990-09-25,1990,\"Eastwick\",\"Northfield\",\"1-0\",1,0,\"2\",\"initial\",0,NA,NA,NA,NA,NA\n\
         2019-01-08,2018,\"Eastwick\",\"Westley\",\"1-0\",1,0,\"semi\",\"initial\",1,NA,NA,NA,NA,NA\n\
         2019-01-24,2018,\"Westley\",\"Eastwick\",\"2-1\",2,1,\"semi\",\"initial\",2,NA,NA,NA,NA,NA\n\
         2019-02-24,2018,\"Westley\",\"Northfield\",\"0-1\",0,1,\"final\",\"initial\",0,NA,NA,NA,NA,NA\n"
    );
    let reading = read("engsoccer-leaguecup", &csv);
    let season = |start: i32| {
        reading
            .seasons
            .iter()
            .find(|r| r.season == Some(Season::starting(start)))
            .unwrap()
    };
    let settlement = |start: i32, i: usize| season(start).matches[i].status.result().unwrap().settlement();
    assert_eq!(settlement(2005, 0), Some(Settlement::NotRecorded(Side::Away)));
    assert_eq!(
        settlement(2005, 2),
        None,
        "the file does not say who won the final"
    );
    assert_eq!(
        settlement(1970, 0),
        None,
        "before shoot-outs: a replay the file lacks"
    );
    // Level on aggregate and on away goals (one each): Eastwick went on, how not recorded.
    assert_eq!(season(1990).away_goals, Some(true));
    assert_eq!(settlement(1990, 1), Some(Settlement::NotRecorded(Side::Away)));
    // Level on aggregate, Northfield ahead on away goals: the rule decided it.
    assert_eq!(settlement(1990, 3), None);
    // 2018-19: away goals no longer counted, so Westley went on in a way the file does not record.
    assert_eq!(season(2018).away_goals, Some(false));
    assert_eq!(settlement(2018, 1), Some(Settlement::NotRecorded(Side::Home)));
    for m in season(2018).matches.iter().chain(&season(1990).matches) {
        assert_eq!(
            m.status.result().unwrap().penalties(),
            None,
            "no kicks are made up"
        );
    }
}

/// Issue 19: a CSV file with the header `a,b,c` was read as Football.TXT and refused as
/// `cannot read match "a,b,c"`; one sharing no column with a layout was told the columns
/// `deductions.csv` needs. The header is named as unknown, with the headers matchday reads.
#[test]
fn a_csv_header_matchday_does_not_know_is_named_with_the_headers_it_reads() {
    for text in [
        "a,b,c\n1,2,3\n",
        "\u{feff}\"x\",\"y\"\r\n1,2\r\n",
        "team,points,played,won\n",
    ] {
        assert_eq!(FileFormat::detect(text).name(), "unknown-csv", "{text:?}");
        let err = FileFormat::detect(text).read(text).unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("is not one matchday knows; it reads football-data.co.uk's (Div, Date, HomeTeam, AwayTeam, FTHG, FTAG, ...) and engsoccerdata's "), "{err}");
        for layout in LAYOUTS {
            assert!(err.message.contains(layout.file), "{err}");
        }
        assert!(!err.message.contains('…'), "cut short: {err}");
    }
    let err = FileFormat::detect("a,b,c\n").read("a,b,c\n").unwrap_err();
    assert!(
        err.message
            .starts_with("the header \"a,b,c\" is not one matchday knows"),
        "{err}"
    );
    // Football.TXT is still Football.TXT.
    assert_eq!(
        FileFormat::detect("= Premier League 2023/24\nLiverpool 1-0 Chelsea\n").name(),
        "football.txt"
    );
}

/// Issue 19: re-importing matchday's own CSV export said "the closest, deductions.csv":
/// it says it is matchday's CSV export, and that the season file round-trips.
#[test]
fn matchday_s_own_csv_export_is_named_with_the_format_that_round_trips() {
    let season = "matchday-season 1\ncompetition: Premier League\nseason: 2023-24\n2024-01-31 | Liverpool | Chelsea | 4-1\n";
    let record = crate::season_file::parse(season).unwrap();
    let csv = crate::write_csv(&[crate::ExportSeason::new(record, vec![Some(1)])]);
    assert_eq!(FileFormat::detect(&csv).name(), "unknown-csv");
    let err = FileFormat::detect(&csv).read(&csv).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 1: this is matchday's CSV export, written for spreadsheets and not read back: export the \
         season with --format season (matchday's season file), the format that round-trips, and import that"
    );
}
