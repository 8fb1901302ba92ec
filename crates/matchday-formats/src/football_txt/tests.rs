use chrono::{NaiveDate, NaiveTime};
use matchday_core::{Format, MatchRecord, MatchStatus, Round, Score, Season, Stage, Venue};

use super::parse;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

/// Full-time, half-time, extra-time and penalty scores as text, for short asserts.
fn parts(m: &MatchRecord) -> String {
    let r = m.status.result().expect("a result");
    let show = |s: Option<Score>| s.map_or("-".to_string(), |s| s.to_string());
    format!(
        "ft {} ht {} et {} p {}",
        show(r.score()),
        show(r.half_time()),
        show(r.extra_time()),
        show(r.penalties())
    )
}

const LAYOUT_A: &str = "= English Premier League 2023/24\r\n\
    \r\n\
    # Teams      20\r\n\
    Matchday 1\r\n\
    [Fri Aug/11]\r\n  \
    20.00  Burnley FC               0-3 (0-2)  Manchester City FC\r\n\
    [Sat Aug/12]\r\n  \
    15.00  AFC Bournemouth          1-1 (0-0)  West Ham United FC\r\n         \
    Brighton & Hove Albion FC  4-1 (1-0)  Luton Town FC\r\n\
    \r\n\
    Matchday 22\r\n\
    [Wed Jan/31]\r\n  \
    20.15  Liverpool FC             4-1 (2-0)  Chelsea FC\r\n\
    [Sat Feb/3 2024]\r\n  \
    12.30  Wolverhampton Wanderers FC  0-0  Sheffield United FC\r\n";

#[test]
fn reads_layout_a() {
    let r = parse(LAYOUT_A).unwrap();
    assert_eq!(r.competition, "English Premier League");
    assert_eq!(r.season, Some(Season::starting(2023)));
    assert_eq!(r.format, Some(Format::League));
    assert_eq!(r.matches.len(), 5);
    let m = &r.matches[2];
    assert_eq!(
        (m.home.as_str(), m.away.as_str()),
        ("Brighton & Hove Albion FC", "Luton Town FC")
    );
    assert_eq!((m.date, m.kickoff, m.line), (day(2023, 8, 12), time(15, 0), 9));
    assert_eq!(m.round.as_deref(), Some("Matchday 1"));
    let m = &r.matches[3];
    assert_eq!(
        (m.date, parts(m).as_str()),
        (day(2024, 1, 31), "ft 4-1 ht 2-0 et - p -")
    );
    assert_eq!(parts(&r.matches[4]), "ft 0-0 ht - et - p -");
    assert_eq!(r.matches[4].date, day(2024, 2, 3));
}

#[test]
fn reads_layout_b() {
    let text = "= Primera División de España 2023/24\n\n\
        ▪ Matchday 1\n\
        Fri Aug 11\n  \
        19:30  UD Almería               0-2 (0-2)  Rayo Vallecano de Madrid\n  \
        22:00  Sevilla FC               1-2 (0-0)  Valencia CF\n\
        Sat Aug 12\n         \
        Real Sociedad de Fútbol  1-1 (1-0)  Girona FC\n";
    let r = parse(text).unwrap();
    assert_eq!(r.matches.len(), 3);
    assert_eq!(r.matches[0].home, "UD Almería");
    assert_eq!(r.matches[1].kickoff, time(22, 0));
    // A new day forgets the last kick-off.
    assert_eq!(
        (r.matches[2].date, r.matches[2].kickoff),
        (day(2023, 8, 12), None)
    );
    assert_eq!(r.matches[2].home, "Real Sociedad de Fútbol");
}

const LAYOUT_C: &str = "= English FA Cup 2023/24\n\n\
    » Round 1\n  \
    Fri Nov/3 2023\n    \
    19.45  Barnsley FC             v Horsham FC               3-3 (2-2)\n           \
    Peterborough United     v Salford City             2-2 (0-1)\n  \
    Tue Nov/14\n    \
    19.30  Horsham FC              v Barnsley FC              0-3 (0-3)\n           \
    Salford City            v Peterborough United      4-5 pen. 4-4 a.e.t. (3-3, 1-3)\n           \
    Accrington Stanley      v Doncaster Rovers         1-2 a.e.t. (1-1, 1-0)\n\n\
    » Semifinals\n  \
    Sat Apr/20\n    \
    17.15  Coventry City           v Manchester United        2-4 pen. 3-3 a.e.t. (3-3, 0-2)\n\n\
    » Final\n  \
    Sat May/25\n    \
    15.00  Manchester City         v Manchester United\n";

#[test]
fn reads_layout_c_with_every_score_form() {
    let r = parse(LAYOUT_C).unwrap();
    assert_eq!(r.format, Some(Format::Knockout));
    assert_eq!(r.matches.len(), 7);
    assert_eq!(parts(&r.matches[0]), "ft 3-3 ht 2-2 et - p -");
    let salford = &r.matches[3];
    assert_eq!(parts(salford), "ft 3-3 ht 1-3 et 4-4 p 4-5");
    assert_eq!(salford.date, day(2023, 11, 14));
    assert_eq!(parts(&r.matches[4]), "ft 1-1 ht 1-0 et 1-2 p -");
    // Replays: the second meeting in a round where not every pairing meets twice.
    let replays: Vec<bool> = r.matches.iter().map(|m| m.replay).collect();
    assert_eq!(replays, [false, false, true, true, false, false, false]);
    assert!(r.matches.iter().all(|m| m.leg.is_none()));
    // Finals are neutral everywhere; the FA Cup's semi-finals (at Wembley) are the
    // catalogue's to say, on import: the reader keeps the file's home side.
    assert_eq!(r.matches[5].venue, Venue::Home);
    let final_ = &r.matches[6];
    assert_eq!(
        (final_.venue, final_.status),
        (Venue::Neutral, MatchStatus::Scheduled)
    );
    assert_eq!(final_.date, day(2024, 5, 25));
    assert_eq!(r.matches[0].venue, Venue::Home);
}

#[test]
fn shoot_out_straight_after_ninety_minutes() {
    let text = "= EFL Cup 2023/24\n» Round 1\n  Tue Aug/8 2023\n    \
        19.45  Peterborough United     v Swindon Town             4-1 pen. (1-1, 1-0)\n";
    let r = parse(text).unwrap();
    assert_eq!(parts(&r.matches[0]), "ft 1-1 ht 1-0 et - p 4-1");
    // Penalties first, then extra time, with only the 90 minutes in brackets (Euro 2024).
    let text = "= Euro 2024\n▪ Round of 16\nMon Jul 1\n  \
        21:00     Portugal  3-0 pen. 0-0 a.e.t. (0-0)  Slovenia     @ Frankfurt    # W F - 3rd\n";
    let r = parse(text).unwrap();
    assert_eq!(parts(&r.matches[0]), "ft 0-0 ht - et 0-0 p 3-0");
    assert_eq!(
        (r.matches[0].date, r.season),
        (day(2024, 7, 1), Some(Season::calendar(2024)))
    );
    assert_eq!(r.matches[0].away, "Slovenia");
}

#[test]
fn statuses() {
    let text = "= English Premier League 2025/26\n» Matchday 31\n  Fri May/22\n    \
        20.00  Manchester City FC      v Crystal Palace FC        [postponed]\n           \
        Chelsea FC              v Everton FC               [cancelled]\n           \
        Fulham FC               v Arsenal FC               [canceled]\n           \
        Leeds United FC         v Burnley FC\n\
        Matchday 32\n\
        [Sat May/23]\n  \
        Bristol Rovers           -  Ipswich Town             [cancelled]\n  \
        Luton Town  3-0  Bury FC  [awarded]\n";
    let r = parse(text).unwrap();
    let statuses: Vec<&str> = r.matches.iter().map(|m| m.status.name()).collect();
    assert_eq!(
        statuses,
        [
            "postponed",
            "cancelled",
            "cancelled",
            "scheduled",
            "cancelled",
            "awarded"
        ]
    );
    assert_eq!(r.matches[4].home, "Bristol Rovers");
    assert_eq!(r.matches[4].away, "Ipswich Town");
    assert_eq!(r.matches[0].date, day(2026, 5, 22));
}

#[test]
fn two_legged_rounds_get_legs_and_groups_their_matchdays() {
    let text = "= UEFA Europa League 2023/24\n\
        » Group A\n  Thu Sep/21 2023\n    \
        21.00  Olympiakos Piraeus (GRE) v SC Freiburg (GER)        2-3 (1-2)\n           \
        West Ham United (ENG)   v TSC Bačka Topola (SRB)   3-1 (0-0)\n  \
        Thu Oct/5\n    \
        18.45  SC Freiburg (GER)       v West Ham United (ENG)    1-2 (0-1)\n           \
        TSC Bačka Topola (SRB)  v Olympiakos Piraeus (GRE)  2-2 (0-1)\n\
        » Gruppe G\n  Thu Sep/21\n    \
        18.45  FC Sheriff (MDA)        v AS Roma (ITA)            1-2 (0-1)\n\
        » Semifinals\n  Thu May/2\n    \
        21.00  Olympique Marseille (FRA) v Atalanta (ITA)           1-1 (1-1)\n           \
        AS Roma (ITA)           v Bayer Leverkusen (GER)   0-2 (0-1)\n  \
        Thu May/9\n    \
        21.00  Atalanta (ITA)          v Olympique Marseille (FRA)  3-0 (1-0)\n           \
        Bayer Leverkusen (GER)  v AS Roma (ITA)            2-2 (0-1)\n";
    let r = parse(text).unwrap();
    assert_eq!(r.format, Some(Format::GroupsKnockout));
    let labels: Vec<(Option<&str>, Option<&str>, Option<u8>)> = r
        .matches
        .iter()
        .map(|m| (m.group.as_deref(), m.round.as_deref(), m.leg))
        .collect();
    assert_eq!(
        labels,
        [
            (Some("A"), Some("Matchday 1"), None),
            (Some("A"), Some("Matchday 1"), None),
            (Some("A"), Some("Matchday 2"), None),
            (Some("A"), Some("Matchday 2"), None),
            (Some("G"), Some("Matchday 1"), None),
            (None, Some("Semifinals"), Some(1)),
            (None, Some("Semifinals"), Some(1)),
            (None, Some("Semifinals"), Some(2)),
            (None, Some("Semifinals"), Some(2)),
        ]
    );
    assert!(r.matches.iter().all(|m| !m.replay && m.venue == Venue::Home));
}

#[test]
fn second_legs_may_go_to_extra_time_after_a_win() {
    let text = "= UEFA Champions League 2023/24\n» Finals, Round of 16\n  Wed Feb/21 2024\n    \
        21.00  FC Porto (POR)          v Arsenal FC (ENG)         1-0 (0-0)\n  Tue Mar/12\n    \
        21.00  Arsenal FC (ENG)        v FC Porto (POR)           4-2 pen. 1-0 a.e.t. (1-0, 1-0)\n";
    let r = parse(text).unwrap();
    assert_eq!(r.matches[1].leg, Some(2));
    assert_eq!(r.matches[1].round.as_deref(), Some("Round of 16"));
    assert_eq!(parts(&r.matches[1]), "ft 1-0 ht 1-0 et 1-0 p 4-2");
    // The same result in a single match cannot happen.
    let single = "= Cup 2023/24\n» Final\n  Sat May/25 2024\n    \
        Arsenal FC   v FC Porto   4-2 pen. 1-0 a.e.t. (1-0, 1-0)\n";
    let err = parse(single).unwrap_err();
    assert_eq!(err.line, 4);
    assert!(err.message.contains("outside a second leg"), "{err}");
}

#[test]
fn unnamed_groups_are_the_sets_of_teams_that_meet() {
    let text = "= UEFA Champions League 2023/24\n» Group, Matchday 1\n  Tue Sep/19 2023\n    \
        18.45  AC Milan (ITA)          v Newcastle United FC (ENG)  0-0\n           \
        BSC Young Boys (SUI)    v RB Leipzig (GER)         1-3 (1-1)\n    \
        21.00  Paris Saint-Germain FC (FRA) v Borussia Dortmund (GER)  2-0 (0-0)\n\
        » Group, Matchday 2\n  Tue Oct/3\n    \
        18.45  Newcastle United FC (ENG) v Paris Saint-Germain FC (FRA)  4-1 (2-0)\n\
        » Finals, Final\n  Sat Jun/1 2024\n    \
        21.00  Borussia Dortmund (GER) v Real Madrid CF (ESP)     0-2 (0-0)\n";
    let r = parse(text).unwrap();
    let groups: Vec<Option<&str>> = r.matches.iter().map(|m| m.group.as_deref()).collect();
    assert_eq!(groups, [Some("1"), Some("2"), Some("1"), Some("1"), None]);
    assert_eq!(r.matches[3].round.as_deref(), Some("Matchday 2"));
    let final_ = &r.matches[4];
    assert_eq!(
        (final_.round.as_deref(), final_.venue),
        (Some("Final"), Venue::Neutral)
    );
}

#[test]
fn euro_layout_skips_scorers_line_ups_and_venues() {
    let text = "= Euro 2024\n\
        # all times are local\n\n\
        Group A  |  Germany   Scotland     Hungary   Switzerland\n\n\
        ▪ Matchday 1 | Fri Jun 14 - Tue Jun 18\n\
        ▪ Matchday 2 | Wed Jun 19 - Sat Jun 22\n\n\
        ▪ Group A\n\
        Fri Jun 14 \n  \
        21:00         Germany   5-1 (3-0)  Scotland     @ München\n                          \
        (Wirtz 10' Musiala 19' Havertz 45+1' (pen.) Füllkrug 68' Can 90+3'; \n                           \
        Rüdiger 87' (o.g.))\n    \
        Germany:    Neuer - Kimmich, Rüdiger, Tah [Y], Mittelstädt - Andrich [Y] (Groß 46'),\n                \
        Kroos (Can 80') - Musiala (Müller 74'), Gündogan,\n                \
        Wirtz (Sane 63') - Havertz (Füllkrug 63')\n    \
        Scotland:   Gunn - Porteous [R 44'], Hendry\n\n\
        Wed Jun 19 \n  \
        21:00         Scotland  1-1 (1-1)   Switzerland  @ Köln\n                           \
        (McTominay 13'; Shaqiri 26')\n";
    let r = parse(text).unwrap();
    assert_eq!(r.matches.len(), 2);
    let m = &r.matches[0];
    assert_eq!((m.home.as_str(), m.away.as_str()), ("Germany", "Scotland"));
    assert_eq!(
        (m.group.as_deref(), m.round.as_deref()),
        (Some("A"), Some("Matchday 1"))
    );
    assert_eq!(r.matches[1].round.as_deref(), Some("Matchday 2"));
    assert_eq!(r.matches[1].date, day(2024, 6, 19));
}

#[test]
fn stops_at_end_marker() {
    let text = format!("{LAYOUT_A}__END__\nthis is not Football.TXT at all\n");
    assert_eq!(parse(&text).unwrap().matches.len(), 5);
}

#[test]
fn unreadable_lines_are_errors_with_their_number() {
    let cases = [
        (
            "= Liga 2023/24\nMatchday 1\n[Fri Aug/11]\n  20.00  Burnley FC\n",
            4,
            "cannot read match \"20.00  Burnley FC\"",
        ),
        (
            "= Liga 2023/24\nMatchday 1\n[Fri Aug/32]\n",
            3,
            "cannot read date",
        ),
        (
            "= Liga 2023/24\nMatchday 1\n  20.00  A FC  1-0  B FC\n",
            3,
            "match before any date",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC  2-1 (3-0)  B FC\n",
            3,
            "half-time 3-0 has more goals",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC  1-2 a.e.t. (1-1, 0-0, 2-2)  B FC\n",
            3,
            "90-minute score in brackets",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  1-1 pen. (1-1)\n",
            3,
            "cannot end level",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  [moved]\n",
            3,
            "cannot read status [moved]",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC v A FC  1-0\n",
            3,
            "cannot play itself",
        ),
        (
            "= Liga 2023/24\n[Fri Aug/11]\n  A FC v B FC  2-1 (1-0) extra\n",
            3,
            "cannot read match",
        ),
        ("= Liga 2023/24\n(Kane 10')\n", 2, "cannot read match"),
        ("Matchday 1\n[Fri Aug/11 2023]\n  A FC  1-0  B FC\n", 1, "header"),
        ("= Liga 2023/24\n= Liga 2024/25\n", 2, "second header"),
    ];
    for (text, line, message) in cases {
        let err = parse(text).unwrap_err();
        assert_eq!(err.line, line, "{text}: {err}");
        assert!(err.message.contains(message), "{text}: {err}");
    }
    let err = parse("= Liga 2023/24\n[Fri Aug/11]\n  nonsense\n").unwrap_err();
    assert_eq!(err.to_string(), "line 3: cannot read match \"nonsense\"");
}

#[test]
fn dates_on_the_match_line_nested_headings_and_comment_blocks() {
    let text = "=World Cup 2026 Qualifying=\n\
        ==Europe (UEFA)==\n\
        ▪ UEFA Second Round Play-offs\n\
        ## a comment\n\
        ▪▪ Path A\n\
        ▪▪▪ Semi-finals\n\
        Th 26/3/26 20:45 CET (19:45 UTC±0)  Wales  2-0  Bosnia & Herzegovina   @ Cardiff\n  \
        (Someone 51')\n\
        <!--\n  1. Wales  3  9\n  -->\n\
        ▪▪▪ Final\n\
        Tu 31/3/26 20:45 CEST     Wales  0-0 a.e.t., 4-1 pen.  Italy   @ Zenica\n\
        ▪ Inter-confederation Play-offs\n\
        ▪▪ Pathway 1, Final\n\
        Tu 31/3/26 15:00     N.N. v N.N.\n";
    let r = parse(text).unwrap();
    assert_eq!(r.competition, "World Cup Qualifying");
    assert_eq!(r.season, Some(Season::calendar(2026)));
    let rounds: Vec<(&str, NaiveDate, Option<NaiveTime>)> = r
        .matches
        .iter()
        .map(|m| (m.round.as_deref().unwrap(), m.date, m.kickoff))
        .collect();
    // The placeholder whose teams are not known yet is not a match.
    assert_eq!(
        rounds,
        [
            ("Path A, Semi-finals", day(2026, 3, 26), time(20, 45)),
            ("Path A, Final", day(2026, 3, 31), time(20, 45)),
        ]
    );
    assert_eq!(r.matches[0].away, "Bosnia & Herzegovina");
    // Goalless after extra time: goalless after 90 minutes too.
    assert_eq!(parts(&r.matches[1]), "ft 0-0 ht - et 0-0 p 4-1");
}

#[test]
fn a_score_without_its_ninety_minutes_keeps_it_absent_not_invented() {
    let read = |score: &str| {
        let text = format!("= World Cup 2018\n▪ Round of 16\nSun Jul 1 2018\n  Spain  {score}  Russia\n");
        parse(&text).map(|r| parts(&r.matches[0]))
    };
    assert_eq!(read("1-1 a.e.t., 3-4 pen.").unwrap(), "ft - ht - et 1-1 p 3-4");
    assert_eq!(read("1-1 a.e.t, 2-4 pen.").unwrap(), "ft - ht - et 1-1 p 2-4");
    assert_eq!(read("1-0 a.e.t.").unwrap(), "ft - ht - et 1-0 p -");
    // A shoot-out alone says nothing of the match before it.
    let err = read("3-4 pen.").unwrap_err();
    assert_eq!(err.line, 4);
    assert!(
        err.message.contains("a shoot-out needs the score before it"),
        "{err}"
    );
    // With the 90 minutes in brackets, the comma before the shoot-out is read.
    let text =
        "= World Cup 2018\n▪ Round of 16\nSun Jul 1 2018\n  Spain  1-1 a.e.t. (1-1, 1-1), 3-4 pen.  Russia\n";
    assert_eq!(
        parts(&parse(text).unwrap().matches[0]),
        "ft 1-1 ht 1-1 et 1-1 p 3-4"
    );
}

#[test]
fn the_full_layout_and_rsssf_notes() {
    let text = "= World Cup 2018\n\
        ▪ First stage\n\
        ▪▪ Group A\n\
        Thu Jun 14 18:00 UTC+3 @ Lenin, Moscow, Att: 78011\n  \
        Russia v Saudi Arabia  5-0\n     \
        (Iury GAZINSKY 12', Denis CHERYSHEV 43')\n\
        \n\
        Russia: Igor AKINFEEV [c] - MARIO FERNANDES,\n      \
        Yury ZHIRKOV - Fedor SMOLOV (70' Artem DZYUBA)\n\
        Penalties: 1-0 Andres INIESTA, 1-1 Fedor SMOLOV,\n           \
        2-1 Gerard PIQUE\n\
        Refs: Someone\n\
        ▪ Round of 16\n\
        1.7.18 @ Moscow      Spain            0–0 Russia           (aet, 3-4 pen)\n\
        2.7.18 @ Samara      Brazil           2–0 Mexico\n";
    let r = parse(text).unwrap();
    assert_eq!(r.matches.len(), 3);
    let m = &r.matches[0];
    assert_eq!(
        (m.date, m.kickoff, m.group.as_deref()),
        (day(2018, 6, 14), time(18, 0), Some("A"))
    );
    assert_eq!(m.round.as_deref(), Some("Matchday 1"));
    let spain = &r.matches[1];
    assert_eq!((spain.home.as_str(), spain.away.as_str()), ("Spain", "Russia"));
    assert_eq!(
        (spain.date, parts(spain).as_str()),
        (day(2018, 7, 1), "ft 0-0 ht - et 0-0 p 3-4")
    );
    assert_eq!(r.matches[2].home, "Brazil");
}

#[test]
fn other_match_line_forms() {
    let text = "= Copa 1960\n\
        ▪ Round24\n\
        05.04.1959 @ Dublin, Dalymount Park\n  \
        URU - CHI  4-0 (1-0)\n  \
        Soviet Union n/p Spain  [cancelled - Spain withdrew]\n\
        Oct 22 1959   River Plate (Arg) v Atlético Mineiro (Bra)   0-0  (agg 3-0)\n\
        NOTE: Suspended after 5th min, continued\n     \
        the next day.\n";
    let r = parse(text).unwrap();
    let shown: Vec<(&str, &str, &str)> = r
        .matches
        .iter()
        .map(|m| (m.home.as_str(), m.away.as_str(), m.status.name()))
        .collect();
    assert_eq!(
        shown,
        [
            ("URU", "CHI", "played"),
            ("Soviet Union", "Spain", "cancelled"),
            ("River Plate (Arg)", "Atlético Mineiro (Bra)", "played")
        ]
    );
    assert_eq!(r.matches[0].round.as_deref(), Some("Round 24"));
    assert_eq!(
        (r.matches[0].date, r.matches[2].date),
        (day(1959, 4, 5), day(1959, 10, 22))
    );
}

#[test]
fn seasons_from_the_title() {
    let season = |title: &str| {
        let r = parse(&format!("= {title}\n")).unwrap();
        (r.competition, r.season.map(|s| s.to_string()))
    };
    // A tournament played a year late keeps its edition's name.
    assert_eq!(
        season("Euro 2021"),
        ("Euro".into(), Some("2020 (played 2021)".into()))
    );
    assert_eq!(season("Euro 2024"), ("Euro".into(), Some("2024".into())));
    assert_eq!(
        season("World Cup 2026"),
        ("World Cup".into(), Some("2026".into()))
    );
    // Leagues inside a calendar year, and across two.
    assert_eq!(
        season("Brasileirão 2024"),
        ("Brasileirão".into(), Some("2024".into()))
    );
    assert_eq!(
        season("Austria 2024/25"),
        ("Austria".into(), Some("2024-25".into()))
    );
    assert_eq!(season("Friendlies"), ("Friendlies".into(), None));
    // The year played gives the dates of an edition played late.
    let r = parse("= Euro 2021\n▪ Group A\nJune 11\n  21:00  Turkey  0-3 (0-0)  Italy\n").unwrap();
    assert_eq!(r.matches[0].date, day(2021, 6, 11));
}

#[test]
fn squad_lists_and_undated_files_are_refused_with_what_they_are() {
    let err =
        parse("= World Cup 2026\n== USA  # 26 Players\n1, Matt TURNER,   GK,  b. 1994/06/24\n").unwrap_err();
    assert_eq!(err.line, 3);
    assert!(
        err.message.starts_with("a squad list holds players, not matches"),
        "{err}"
    );
    let err = parse("= World Cup 2018\n▪ First stage\n▪▪ Group A\nRussia v Saudi Arabia  5-0\n").unwrap_err();
    assert_eq!(err.line, 4);
    assert!(err.message.contains("a file with no dates"), "{err}");
}

#[test]
fn a_tournament_played_daily_numbers_group_matchdays_by_each_teams_games() {
    let text = "= World Cup 2018\n▪ Group A\n\
        Thu Jun 14\n  Russia  5-0  Saudi Arabia\n\
        Fri Jun 15\n  Egypt  0-1  Uruguay\n\
        Sun Jun 17\n  Russia  3-1  Egypt\n\
        Mon Jun 18\n  Uruguay  1-0  Saudi Arabia\n\
        Wed Jun 20\n  Uruguay  3-0  Russia\n  Saudi Arabia  2-1  Egypt\n";
    let r = parse(text).unwrap();
    let rounds: Vec<&str> = r.matches.iter().map(|m| m.round.as_deref().unwrap()).collect();
    assert_eq!(
        rounds,
        [
            "Matchday 1",
            "Matchday 1",
            "Matchday 2",
            "Matchday 2",
            "Matchday 3",
            "Matchday 3"
        ]
    );
}

#[test]
fn a_league_with_rounds_named_like_a_cup_and_a_play_off_is_a_league() {
    let text = "= Austria 2024/25\n\
        ▪ Round 1\nAug 2\n  A  1-0 B\n  C  0-0 D\n\
        ▪ Round 2\nAug 9\n  A  2-0 C\n  B  1-1 D\n\
        ▪ Round 3\nAug 16\n  A  0-1 D\n  B  3-0 C\n\
        ▪ Round 4\nAug 23\n  B  1-0 A\n  D  2-2 C\n\
        ▪ Round 5\nAug 30\n  C  1-0 A\n  D  1-2 B\n\
        ▪ Round 6\nSep 6\n  D  1-0 A\n  C  0-0 B\n\
        ▪ Conference League, Final\nSep 13\n  A  1-0 B\n";
    let r = parse(text).unwrap();
    assert_eq!(r.format, Some(Format::League));
    // A cup whose teams meet again only in a replay of the same round stays a cup.
    let r = parse(LAYOUT_C).unwrap();
    assert_eq!(r.format, Some(Format::Knockout));
}

#[test]
fn reads_a_bom_and_any_line_endings() {
    let text = "= English Premier League 2023/24\nMatchday 22\n[Wed Jan/31]\n  20.15  Liverpool FC   4-1 (2-0)  Chelsea FC\n  20.30  Arsenal FC  2-1  Everton FC\n";
    let expected = parse(text).unwrap();
    assert_eq!(expected.matches.len(), 2);
    for other in [
        format!("\u{feff}{text}"),
        text.replace('\n', "\r"),
        text.replace('\n', "\r\n"),
        text.replacen('\n', "\r", 2).replacen('\n', "\r\n", 1),
    ] {
        assert_eq!(parse(&other).unwrap(), expected, "{other:?}");
    }
}

#[test]
fn hostile_text_is_refused_with_its_line_and_quoted_short() {
    let head = "= English Premier League 2023/24\nMatchday 22\n[Wed Jan/31]\n";
    for (line, message) in [
        (
            "  Liver\u{1b}[2Jpool FC   4-1  Chelsea FC\n",
            "a team name cannot contain the control character U+001B",
        ),
        (
            "  Liverpool\u{202E} FC   4-1  Chelsea FC\n",
            "a team name cannot contain the control character U+202E",
        ),
        ("  Liverpool FC   4-1  Chel\0sea FC\n", "a NUL byte"),
    ] {
        let err = parse(&format!("{head}{line}")).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains(message), "{err}");
        assert!(!err.message.chars().any(matchday_core::is_control), "{err:?}");
    }
    let long = format!("{head}  {}   4-1  Chelsea FC\n", "L".repeat(101));
    assert!(
        parse(&long)
            .unwrap_err()
            .message
            .contains("at most 100 characters")
    );
    // A 1 MB bad line is quoted, not echoed whole.
    let bad = format!("{head}  {} ??\n", "x".repeat(1 << 20));
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.line, 4);
    assert!(
        err.to_string().len() < 400,
        "{} characters",
        err.to_string().len()
    );
}

#[test]
fn one_match_stated_twice_with_different_scores_names_both_lines() {
    let text = "= English Premier League 2023/24\nMatchday 22\n[Wed Jan/31]\n  Liverpool FC   4-1  Chelsea FC\n  Arsenal FC  2-1  Everton FC\n  Liverpool FC   2-1  Chelsea FC\n";
    let err = parse(text).unwrap_err();
    assert_eq!(err.line, 6);
    assert_eq!(
        err.message,
        "Liverpool FC v Chelsea FC on 2024-01-31 is stated twice with different results: 4-1 on line 4, 2-1 here"
    );
}

/// The layout of openfootball's internationals files (Africa Cup of Nations
/// 2019, CC0): scorers on lines of their own, the ground after `@`, and a
/// shoot-out's winner in brackets.
const INTERNATIONALS: &str = "= African Cup of Nations 2019\r\n\
    \r\n\
    [Fri Jun 21]\r\n  \
    Egypt - Zimbabwe  1-0   @ Cairo, Egypt\r\n     \
    Trézéguet 41'\r\n\
    [Sat Jun 22]\r\n  \
    DR Congo - Uganda  0-2   @ Cairo, Egypt\r\n     \
    -; Patrick Kaddu 14' Emmanuel Okwi 48'\r\n  \
    Guinea - Madagascar  2-2   @ Alexandria, Egypt\r\n     \
    Sory Kaba 34' François Kamano 66' (pen.);\r\n     \
    Anicet Abel 49' Carolus Andriamatsinoro 55'\r\n  \
    Morocco - Namibia  1-0   @ Cairo, Egypt\r\n     \
    Itamunua Keimuine 89' (o.g.)\r\n  \
    Mauritania - Angola  0-0   @ Suez, Egypt\r\n  \
    Cameroon - Ghana  0-0   @ Ismailia, Egypt\r\n\
    [Fri Jul 5]\r\n  \
    Morocco - Benin  1-1   @ Cairo, Egypt   [Benin wins on penalties]\r\n     \
    Youssef En-Nesyri 76';\r\n     \
    Moise Adilehou 53'\r\n\
    [Sun Jul 14]\r\n  \
    Senegal - Tunisia  1-0   @ Cairo, Egypt\r\n     \
    Dylan Bronn 101' (o.g.)\r\n";

#[test]
fn scorer_lines_under_a_match_are_skipped() {
    let r = parse(INTERNATIONALS).unwrap();
    let shown: Vec<(&str, &str, String, NaiveDate, usize)> = r
        .matches
        .iter()
        .map(|m| {
            let score = m.status.result().unwrap().to_string();
            (m.home.as_str(), m.away.as_str(), score, m.date, m.line)
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Egypt", "Zimbabwe", "1-0".into(), day(2019, 6, 21), 4),
            ("DR Congo", "Uganda", "0-2".into(), day(2019, 6, 22), 7),
            ("Guinea", "Madagascar", "2-2".into(), day(2019, 6, 22), 9),
            ("Morocco", "Namibia", "1-0".into(), day(2019, 6, 22), 12),
            ("Mauritania", "Angola", "0-0".into(), day(2019, 6, 22), 14),
            ("Cameroon", "Ghana", "0-0".into(), day(2019, 6, 22), 15),
            // "[Benin wins on penalties]": the shoot-out's winner, its kicks not given.
            (
                "Morocco",
                "Benin",
                "1-1, pens won by away".into(),
                day(2019, 7, 5),
                17
            ),
            ("Senegal", "Tunisia", "1-0".into(), day(2019, 7, 14), 21),
        ]
    );
    // The file names no group and no round: nothing is made up for them.
    assert!(r.matches.iter().all(|m| m.group.is_none() && m.round.is_none()));
    // The shoot-out's score is not given, so none is stored.
    assert_eq!(r.matches[6].status.result().unwrap().penalties(), None);
}

#[test]
fn scorer_lines_never_hide_a_bad_line_or_a_match() {
    let head = "= African Cup of Nations 2019\n[Fri Jun 21]\n  Egypt - Zimbabwe  1-0   @ Cairo, Egypt\n     Trézéguet 41'\n";
    // A line after the scorers that is neither scorers nor a match is still refused.
    for (bad, message) in [
        (
            "this line is not a match",
            "cannot read match \"this line is not a match\"",
        ),
        ("     Trézéguet 41' and more", "cannot read match"),
        ("     Trézéguet", "cannot read match"),
    ] {
        let err = parse(&format!("{head}{bad}\n")).unwrap_err();
        assert_eq!(err.line, 5, "{bad}: {err}");
        assert!(err.message.contains(message), "{bad}: {err}");
    }
    // Scorers are read only after a match.
    let err = parse("= African Cup of Nations 2019\n[Fri Jun 21]\n     Trézéguet 41'\n").unwrap_err();
    assert_eq!(
        (err.line, err.message.as_str()),
        (3, "cannot read match \"Trézéguet 41'\"")
    );
    // A match straight after scorers is a match.
    let r = parse(&format!("{head}  Uganda - Zimbabwe  1-1   @ Cairo, Egypt\n")).unwrap();
    assert_eq!(r.matches.len(), 2);
    assert_eq!(r.matches[1].home, "Uganda");
}

#[test]
fn a_status_after_the_ground_is_read() {
    let head = "= African Cup of Nations 2019\n[Fri Jul 5]\n";
    let r = parse(&format!(
        "{head}  Morocco - Benin   @ Cairo, Egypt   [postponed]\n"
    ))
    .unwrap();
    assert_eq!(r.matches[0].status, MatchStatus::Postponed);
    for (status, why) in [
        (
            "1-1   @ Cairo   [Ghana wins on penalties]",
            "it names neither team",
        ),
        (
            "2-1   @ Cairo   [Benin wins on penalties]",
            "a shoot-out follows a level score",
        ),
        ("1-1   @ Cairo   [Benin wins]", "cannot read status [benin wins]"),
    ] {
        let err = parse(&format!("{head}  Morocco - Benin  {status}\n")).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains(why), "{err}");
    }
}

/// The Championship 2021-22 as openfootball writes it (CC0), cut to the four
/// play-off clubs' league meetings: its play-offs under one `== Playoffs`
/// heading, the two-legged semi-finals and the final together. Forest's
/// second leg was lost 1-2 after 90 minutes and extra time, 3-3 on
/// aggregate, and won on penalties.
const CHAMPIONSHIP_2021_22: &str = "= English Championship 2021/22\n\n== Regular\n\n\
    Matchday 4\n[Sat Aug/21]\n  Sheffield United FC      1-2 (0-0)  Huddersfield Town AFC\n\n\
    Matchday 5\n[Sat Aug/28]\n  Luton Town FC            0-0  Sheffield United FC\n\n\
    Matchday 8\n[Sat Sep/18]\n  Huddersfield Town AFC    0-2 (0-1)  Nottingham Forest FC\n\n\
    Matchday 11\n[Sat Oct/2]\n  Luton Town FC            0-0  Huddersfield Town AFC\n\n\
    Matchday 16\n[Tue Nov/2]\n  Nottingham Forest FC     1-1 (0-0)  Sheffield United FC\n\n\
    Matchday 19\n[Tue Nov/23]\n  19.45  Nottingham Forest FC     0-0  Luton Town FC\n\n\
    Matchday 25\n[Thu Dec/30]\n  Nottingham Forest FC     0-1 (0-1)  Huddersfield Town AFC\n\n\
    Matchday 28\n[Sat Jan/22]\n  Sheffield United FC      2-0 (0-0)  Luton Town FC\n\n\
    Matchday 32\n[Sat Feb/12]\n  12.30  Huddersfield Town AFC    0-0  Sheffield United FC\n\n\
    Matchday 36\n[Fri Mar/4]\n  19.45  Sheffield United FC      1-1 (0-0)  Nottingham Forest FC\n\n\
    Matchday 41\n[Mon Apr/11]\n  19.45  Huddersfield Town AFC    2-0 (0-0)  Luton Town FC\n\n\
    Matchday 42\n[Fri Apr/15]\n  12.30  Luton Town FC            1-0 (1-0)  Nottingham Forest FC\n\n\n\
    == Playoffs\n\
    [Fri May/13]\n  19.45  Luton Town FC            1-1 (1-1)  Huddersfield Town AFC\n\
    [Sat May/14]\n  15.00  Sheffield United FC      1-2 (0-1)  Nottingham Forest FC\n\
    [Mon May/16]\n  19.45  Huddersfield Town AFC    1-0 (0-0)  Luton Town FC\n\
    [Tue May/17]\n  19.45  Nottingham Forest FC     3-2 pen. 1-2 a.e.t. (1-2, 1-0)  Sheffield United FC\n\
    [Sun May/29]\n  16.30  Huddersfield Town AFC    0-1 (0-1)  Nottingham Forest FC\n";

#[test]
fn a_league_play_off_round_gives_its_two_legged_ties_their_legs() {
    let r = parse(CHAMPIONSHIP_2021_22).unwrap();
    assert_eq!(r.format, Some(Format::League));
    assert_eq!(r.matches.len(), 17);
    // One heading for the semi-finals and the final, and no replays in a league's play-off.
    assert!(
        r.matches[12..]
            .iter()
            .all(|m| m.round.as_deref() == Some("Playoffs") && !m.replay)
    );
    let legs: Vec<(&str, &str, Option<u8>)> = r.matches[12..]
        .iter()
        .map(|m| (m.home.as_str(), m.away.as_str(), m.leg))
        .collect();
    assert_eq!(
        legs,
        [
            ("Luton Town FC", "Huddersfield Town AFC", Some(1)),
            ("Sheffield United FC", "Nottingham Forest FC", Some(1)),
            ("Huddersfield Town AFC", "Luton Town FC", Some(2)),
            ("Nottingham Forest FC", "Sheffield United FC", Some(2)),
            ("Huddersfield Town AFC", "Nottingham Forest FC", None),
        ]
    );
    assert_eq!(parts(&r.matches[15]), "ft 1-2 ht 1-0 et 1-2 p 3-2");
    // The league's matches keep no leg; the play-off is typed as a knockout round when
    // stored, one round for the semi-finals and the final alike, which the file does not
    // tell apart.
    assert!(r.matches[..12].iter().all(|m| m.leg.is_none() && !m.replay));
    let stages: Vec<Option<Stage>> = r
        .matches
        .iter()
        .map(|m| Stage::typed_for_labels(Format::League, m.group.as_deref(), m.round.as_deref()))
        .collect();
    assert!(stages[..12].iter().all(Option::is_none));
    assert!(
        stages[12..]
            .iter()
            .all(|s| *s == Some(Stage::Knockout(Round::Playoff)))
    );
    // Legs go by date, whatever order the file lists them in.
    let mut lines: Vec<&str> = CHAMPIONSHIP_2021_22.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("[Fri May/13]")).unwrap();
    lines[at..at + 8].rotate_left(2);
    let r = parse(&lines.join("\n")).unwrap();
    let luton: Vec<(&str, Option<u8>)> = r
        .matches
        .iter()
        .filter(|m| m.round.as_deref() == Some("Playoffs") && m.home.starts_with("Luton"))
        .map(|m| (m.home.as_str(), m.leg))
        .collect();
    assert_eq!(luton, [("Luton Town FC", Some(1))]);
}

#[test]
fn a_league_play_off_under_round_headings_keeps_its_legs() {
    // The 2023-24 layout: `== Finals`, then `Semifinals` and `Final`.
    let text = CHAMPIONSHIP_2021_22.replace("== Playoffs\n", "== Finals\n\nSemifinals\n");
    let text = text.replace("[Sun May/29]", "\nFinal\n[Sun May/29]");
    let r = parse(&text).unwrap();
    let shown: Vec<(Option<&str>, Option<u8>, Venue)> = r.matches[12..]
        .iter()
        .map(|m| (m.round.as_deref(), m.leg, m.venue))
        .collect();
    let semi = Some("Semifinals");
    assert_eq!(
        shown,
        [
            (semi, Some(1), Venue::Home),
            (semi, Some(1), Venue::Home),
            (semi, Some(2), Venue::Home),
            (semi, Some(2), Venue::Home),
            (Some("Final"), None, Venue::Neutral),
        ]
    );
}

/// A tournament in openfootball's internationals layout: no group headings,
/// no round labels. Two groups of four play a single round robin (the group
/// of Echo starts first), then semi-finals (one settled by a shoot-out whose
/// score is not given), the match for third place and the final.
const UNLABELLED_TOURNAMENT: &str = "= Test Cup 2019\n\n\
    [Fri Jun 14]\n  \
    Echo - Foxtrot  1-0   @ Cairo, Egypt\n     \
    Eko 10'\n  \
    Alpha - Bravo  2-1   @ Suez, Egypt\n\
    [Sat Jun 15]\n  \
    Golf - Hotel  0-0   @ Cairo, Egypt\n  \
    Charlie - Delta  1-1   @ Suez, Egypt\n\
    [Tue Jun 18]\n  \
    Echo - Golf  2-0   @ Cairo, Egypt\n  \
    Foxtrot - Hotel  1-1   @ Cairo, Egypt\n  \
    Alpha - Charlie  3-0   @ Suez, Egypt\n  \
    Bravo - Delta  0-1   @ Suez, Egypt\n\
    [Fri Jun 21]\n  \
    Hotel - Echo  0-2   @ Cairo, Egypt\n  \
    Foxtrot - Golf  2-1   @ Cairo, Egypt\n  \
    Delta - Alpha  0-0   @ Suez, Egypt\n  \
    Bravo - Charlie  2-2   @ Suez, Egypt\n\
    [Tue Jun 25]\n  \
    Echo - Delta  1-1   @ Cairo, Egypt   [Delta wins on penalties]\n  \
    Alpha - Foxtrot  2-0   @ Suez, Egypt\n\
    [Fri Jun 28]\n  \
    Echo - Foxtrot  3-1   @ Suez, Egypt\n\
    [Sun Jun 30]\n  \
    Delta - Alpha  0-1   @ Cairo, Egypt\n";

fn groups_and_rounds(text: &str) -> Vec<(Option<String>, Option<String>)> {
    parse(text)
        .unwrap()
        .matches
        .into_iter()
        .map(|m| (m.group, m.round))
        .collect()
}

#[test]
fn an_unlabelled_tournament_gets_groups_and_knockout_rounds_from_its_matches() {
    let r = parse(UNLABELLED_TOURNAMENT).unwrap();
    assert_eq!(r.format, Some(Format::GroupsKnockout));
    let groups: Vec<Option<&str>> = r.matches.iter().map(|m| m.group.as_deref()).collect();
    // Named in the order of their first match: Echo's group played first.
    let (a, b) = (Some("A"), Some("B"));
    assert_eq!(
        groups,
        [a, b, a, b, a, a, b, b, a, a, b, b, None, None, None, None]
    );
    // The group stage is played day after day: a match is its teams' n-th.
    let rounds: Vec<Option<&str>> = r.matches.iter().map(|m| m.round.as_deref()).collect();
    let day = |n: usize| match n {
        1 => Some("Matchday 1"),
        2 => Some("Matchday 2"),
        _ => Some("Matchday 3"),
    };
    assert_eq!(rounds[..12], [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3].map(day));
    assert_eq!(
        rounds[12..],
        [
            Some("Semifinals"),
            Some("Semifinals"),
            Some("Third place"),
            Some("Final")
        ]
    );
    // The labels are the ones the rest of matchday reads, and a final is on neutral ground.
    assert_eq!("Third place".parse::<Round>(), Ok(Round::ThirdPlace));
    let venues: Vec<Venue> = r.matches[12..].iter().map(|m| m.venue).collect();
    assert_eq!(venues, [Venue::Home, Venue::Home, Venue::Home, Venue::Neutral]);
    assert!(r.matches.iter().all(|m| m.leg.is_none() && !m.replay));
}

#[test]
fn a_larger_unlabelled_knockout_names_its_rounds_by_their_teams() {
    // Four groups of three; the top two of each play quarter-finals, with no
    // match for third place.
    let text = "= Test Cup 2021\n\
        [Mon Jun 7]\n  A1 - A2  1-0\n  B1 - B2  1-0\n  C1 - C2  1-0\n  D1 - D2  1-0\n\
        [Thu Jun 10]\n  A2 - A3  1-0\n  B2 - B3  1-0\n  C2 - C3  1-0\n  D2 - D3  1-0\n\
        [Sun Jun 13]\n  A3 - A1  0-1\n  B3 - B1  0-1\n  C3 - C1  0-1\n  D3 - D1  0-1\n\
        [Thu Jun 17]\n  A1 - B2  1-0\n  B1 - A2  1-0\n  C1 - D2  1-0\n  D1 - C2  1-0\n\
        [Mon Jun 21]\n  A1 - C1  2-0\n  B1 - D1  2-0\n\
        [Sun Jun 27]\n  A1 - B1  1-0\n";
    let labels = groups_and_rounds(text);
    let groups: Vec<&str> = labels[..12].iter().map(|(g, _)| g.as_deref().unwrap()).collect();
    assert_eq!(groups, ["A", "B", "C", "D"].repeat(3));
    let rounds: Vec<&str> = labels[12..]
        .iter()
        .map(|(g, r)| {
            assert_eq!(g, &None);
            r.as_deref().unwrap()
        })
        .collect();
    assert_eq!(
        rounds,
        [
            "Quarterfinals",
            "Quarterfinals",
            "Quarterfinals",
            "Quarterfinals",
            "Semifinals",
            "Semifinals",
            "Final"
        ]
    );
}

#[test]
fn an_unlabelled_tournament_of_another_shape_is_left_unlabelled() {
    let unlabelled = |text: &str| {
        let r = parse(text).unwrap();
        r.format == Some(Format::League) && r.matches.iter().all(|m| m.group.is_none() && m.round.is_none())
    };
    // As read, to show that the changes below alone take the labels away.
    assert!(!unlabelled(UNLABELLED_TOURNAMENT));
    // A pair meets across the groups: there are no groups.
    let across = UNLABELLED_TOURNAMENT.replace("Bravo - Charlie  2-2", "Bravo - Hotel  2-2");
    assert!(unlabelled(&across));
    // A semi-final is missing: the knockout does not halve, and the groups,
    // though whole, are not guessed alone.
    let no_semi = UNLABELLED_TOURNAMENT.replace("  Alpha - Foxtrot  2-0   @ Suez, Egypt\n", "");
    assert!(unlabelled(&no_semi));
    // A finalist who lost its semi-final (Foxtrot, 0-2 to Alpha): not a knockout.
    let lost = UNLABELLED_TOURNAMENT.replace("Delta - Alpha  0-1", "Delta - Foxtrot  0-1");
    let lost = lost.replace("Echo - Foxtrot  3-1", "Echo - Alpha  3-1");
    assert!(unlabelled(&lost));
    // The match for third place after the final.
    let late_third = UNLABELLED_TOURNAMENT
        .replace("[Fri Jun 28]", "[Mon Jul 1]")
        .replace("  Echo - Foxtrot  3-1   @ Suez, Egypt\n", "")
        + "  Echo - Foxtrot  3-1   @ Suez, Egypt\n";
    assert!(unlabelled(&late_third));
    // A single round robin is a league, not one group.
    let league = "= Test League 2019\n[Sat Aug 3]\n  A - B  1-0\n  C - D  1-0\n\
        [Sat Aug 10]\n  A - C  1-0\n  B - D  1-0\n[Sat Aug 17]\n  A - D  1-0\n  B - C  1-0\n";
    assert!(unlabelled(league));
}

#[test]
fn one_label_anywhere_keeps_the_file_as_it_reads() {
    // The same tournament with only its final named: nothing else is derived.
    let text = UNLABELLED_TOURNAMENT.replace("[Sun Jun 30]\n", "» Final\n[Sun Jun 30]\n");
    let r = parse(&text).unwrap();
    assert!(r.matches.iter().all(|m| m.group.is_none()));
    let rounds: Vec<Option<&str>> = r.matches.iter().map(|m| m.round.as_deref()).collect();
    assert_eq!(rounds[..15], [None; 15]);
    assert_eq!(rounds[15], Some("Final"));
}
