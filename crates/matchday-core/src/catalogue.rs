//! The catalogue of competitions, held as data: for each competition its names
//! in every source, who plays it, and its editions by season range, each with
//! its stages, regulations and zones.
//!
//! The code holds the grammar (stages, presets, zones); the entries are text,
//! `data/catalogue.toml` bundled and a user's own file read over it, so a new
//! competition, or a new era of one, is an entry and no Rust. Nothing else in
//! matchday decides a competition's structure or rules from its name: a file's
//! competition is looked up here by name, alias or code, and one that is not
//! here gets the plain default, said as such.
//!
//! ```
//! use matchday_core::{Catalogue, RuleSet, Season};
//! let catalogue = Catalogue::bundled();
//! let scotland = catalogue.find("Scottish Premiership").unwrap();
//! let edition = scotland.edition(Season::starting(2020)).unwrap();
//! assert_eq!(edition.rules(), RuleSet::ScottishPremiership);
//! assert!(edition.structure().split().is_some());
//! assert_eq!(catalogue.find("SC0").unwrap().slug(), scotland.slug());
//! ```
//!
//! # The grammar
//! A catalogue is TOML: `[[competition]]` tables, each with `name`, optional
//! `slug`, `country`, `teams` (`men` or `women`), `tier` (1 for a top league;
//! honours count a tier-1 league's title as a league title), `aliases` (other
//! names and codes, matched ignoring case, accents and punctuation) and one or more
//! `[[competition.edition]]` tables: optional `name` (the competition's name in
//! those seasons, when it differs), `seasons` (`"2023-24"`, `"1992-93.."`,
//! `"..2017-18"`, `"1998..2022"`: bounds by the year a season starts, inclusive),
//! `rules` (a preset name), `stages` (the structure: see [`crate::Phase`]),
//! `zones` (`"champions=1"`, `"champions-league=1-4"`, `"relegation=last 3"`;
//! in a group stage, places in each group), and optional `tier`, `away_goals`,
//! `rank_by` (`points` or `points-per-game`), `neutral` (rounds always at a neutral
//! ground) and `knockout` (how ties not yet stored are played and drawn: see
//! [`crate::KnockoutRules`]). The first edition whose seasons
//! hold a season is that season's.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::{KnockoutRules, Phase, RankBy, Round, RuleSet, Season, Structure, Zone, normalize_name};

/// What is wrong with a catalogue, naming the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// The text is not TOML of the catalogue's shape.
    #[error("{origin}: {message}")]
    Syntax {
        /// Where the text came from.
        origin: String,
        /// The parser's message, with its line.
        message: String,
    },
    /// An entry that cannot be.
    #[error("{origin}: competition '{entry}': {why}")]
    Entry {
        /// Where the text came from.
        origin: String,
        /// The entry's name.
        entry: String,
        /// What is wrong.
        why: String,
    },
}

/// Men's or women's football.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Teams {
    /// Men's teams.
    #[default]
    Men,
    /// Women's teams.
    Women,
}

/// Where a zone lies: fixed places, or the last places of a table of any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Places {
    Range(u16, u16),
    /// From the `.0`-th last place to the `.1`-th last (`last 3` is 3 to 1, `last 3-3` the third from bottom).
    FromBottom(u16, u16),
}

/// A zone of an edition, resolved against a table's size by [`Edition::zones`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ZoneSpec {
    name: String,
    places: Places,
}

impl ZoneSpec {
    fn parse(text: &str) -> Option<ZoneSpec> {
        let (name, places) = text.split_once('=')?;
        let places = places.trim();
        if let Some(n) = places.strip_prefix("last") {
            let count = |t: &str| t.trim().parse::<u16>().ok().filter(|&n| n >= 1);
            let (from, to) = match n.trim() {
                "" => (1, 1),
                n => match n.split_once('-') {
                    Some((a, b)) => (count(a)?, count(b)?),
                    None => (count(n)?, 1),
                },
            };
            if from < to {
                return None;
            }
            // The name is checked by the zone grammar itself.
            let zone: Zone = format!("{name}=1").parse().ok()?;
            return Some(ZoneSpec {
                name: zone.name,
                places: Places::FromBottom(from, to),
            });
        }
        let zone: Zone = text.parse().ok()?;
        Some(ZoneSpec {
            name: zone.name,
            places: Places::Range(zone.first, zone.last),
        })
    }

    fn resolve(&self, teams: u16) -> Option<Zone> {
        let (first, last) = match self.places {
            Places::Range(first, last) => (first, last),
            // Counted from the bottom of a table with a place above them.
            Places::FromBottom(from, to) if from < teams => (teams - from + 1, teams - to + 1),
            Places::FromBottom(..) => return None,
        };
        (last <= teams.max(1)).then(|| Zone {
            name: self.name.clone(),
            first,
            last,
        })
    }
}

/// One era of a competition: the seasons it covers and how they were played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    name: Option<String>,
    from: Option<i32>,
    until: Option<i32>,
    rules: RuleSet,
    structure: Structure,
    zones: Vec<ZoneSpec>,
    tier: Option<u8>,
    away_goals: bool,
    rank_by: RankBy,
    neutral: Vec<Round>,
    knockout: KnockoutRules,
}

impl Edition {
    /// Whether `season` is one of this edition's.
    pub fn covers(&self, season: Season) -> bool {
        let year = season.start_year();
        self.from.is_none_or(|f| f <= year) && self.until.is_none_or(|u| year <= u)
    }

    /// The competition's name in these seasons, when it differs from the entry's
    /// (the European Cup before it became the Champions League).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The regulations preset.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// The rounds always played at a neutral ground, which a file may not say (the FA
    /// Cup's semi-finals: Wembley since 2008, other clubs' grounds before).
    pub fn neutral_rounds(&self) -> &[Round] {
        &self.neutral
    }

    /// How its knockout ties are played and drawn (`knockout = { ... }`): the
    /// default, open draws of single matches, when the edition does not say.
    pub fn knockout(&self) -> &KnockoutRules {
        &self.knockout
    }

    /// The stages.
    pub fn structure(&self) -> &Structure {
        &self.structure
    }

    /// The zones of a table of `teams` (of a group, in a group stage); a zone that
    /// does not fit the table is left out.
    pub fn zones(&self, teams: u16) -> Vec<Zone> {
        self.zones.iter().filter_map(|z| z.resolve(teams)).collect()
    }

    /// Whether away goals decide level two-legged ties.
    pub fn away_goals(&self) -> bool {
        self.away_goals
    }

    /// What ranks first.
    pub fn rank_by(&self) -> RankBy {
        self.rank_by
    }
}

/// One competition of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    name: String,
    slug: String,
    country: Option<String>,
    teams: Teams,
    tier: Option<u8>,
    aliases: Vec<String>,
    keys: Vec<String>,
    editions: Vec<Edition>,
}

impl Entry {
    /// The name matchday stores it under: "Premier League".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The slug: "premier-league".
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// The country (or confederation), when the entry gives one.
    pub fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }

    /// Men's or women's.
    pub fn teams(&self) -> Teams {
        self.teams
    }

    /// The other names it goes by.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The league tier in `season` (1 for a top league), when known.
    pub fn tier(&self, season: Season) -> Option<u8> {
        self.edition(season).and_then(|e| e.tier).or(self.tier)
    }

    /// The edition that covers `season`: the first listed that does.
    pub fn edition(&self, season: Season) -> Option<&Edition> {
        self.editions.iter().find(|e| e.covers(season))
    }

    /// Whether `name` is this entry's name, slug, an alias or an edition's name, in any
    /// spelling (case, accents and punctuation do not matter).
    pub fn is_called(&self, name: &str) -> bool {
        self.answers_to(&normalize_name(name))
    }

    /// Whether the entry gives names only (no editions): one of a user's file that adds
    /// aliases to the entry answering to its name, left over when none does.
    pub fn is_names_only(&self) -> bool {
        self.editions.is_empty()
    }

    /// Whether `name` (normalised) is this entry's name, slug or an alias.
    fn answers_to(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

/// The competitions matchday knows; see the module's documentation for the grammar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalogue {
    entries: Vec<Entry>,
}

/// The bundled catalogue's text.
const BUNDLED: &str = include_str!("../../../data/catalogue.toml");

static BUNDLED_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    Catalogue::parse(BUNDLED, "data/catalogue.toml").expect("the bundled catalogue is checked by its tests")
});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileData {
    #[serde(default)]
    competition: Vec<EntryData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryData {
    name: String,
    slug: Option<String>,
    country: Option<String>,
    #[serde(default)]
    teams: Teams,
    tier: Option<u8>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    edition: Vec<EditionData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditionData {
    name: Option<String>,
    seasons: String,
    rules: String,
    stages: Vec<Phase>,
    #[serde(default)]
    zones: Vec<String>,
    tier: Option<u8>,
    #[serde(default)]
    away_goals: bool,
    rank_by: Option<String>,
    #[serde(default)]
    neutral: Vec<Round>,
    #[serde(default)]
    knockout: KnockoutRules,
}

/// A bound of a season range: the year the season starts.
fn season_year(text: &str) -> Option<i32> {
    text.trim().parse::<Season>().ok().map(Season::start_year)
}

impl Catalogue {
    /// The catalogue bundled with matchday (`data/catalogue.toml`).
    pub fn bundled() -> &'static Catalogue {
        &BUNDLED_CATALOGUE
    }

    /// Reads a catalogue from its text; `origin` names it in errors.
    ///
    /// # Errors
    /// [`CatalogueError`] for text that is not TOML of the catalogue's shape, and for
    /// an entry without a name or edition, with a season range, preset, stage or zone
    /// that cannot be read, or with a name or alias another entry answers to.
    pub fn parse(text: &str, origin: &str) -> Result<Catalogue, CatalogueError> {
        let data: FileData = toml::from_str(text).map_err(|e| CatalogueError::Syntax {
            origin: origin.to_string(),
            message: e.to_string().trim_end().replace('\n', " "),
        })?;
        let mut entries: Vec<Entry> = Vec::with_capacity(data.competition.len());
        for e in data.competition {
            let bad = |why: String| CatalogueError::Entry {
                origin: origin.to_string(),
                entry: e.name.clone(),
                why,
            };
            let name = e.name.trim().to_string();
            if name.is_empty() {
                return Err(bad("a competition needs a name".into()));
            }
            let slug = crate::Competition::slug_for(e.slug.as_deref().unwrap_or(&name));
            // An entry of names alone adds its aliases to the entry answering to its
            // name ([`Catalogue::overridden_by`]): a user's "PL" needs no editions.
            if e.edition.is_empty() && e.aliases.is_empty() {
                return Err(bad(
                    "a competition needs at least one [[competition.edition]] (or only aliases, to add names to an entry)".into()
                ));
            }
            let mut editions = Vec::with_capacity(e.edition.len());
            for ed in e.edition {
                let (from, until) = match ed.seasons.split_once("..") {
                    Some((a, b)) => {
                        let bound = |t: &str| -> Result<Option<i32>, CatalogueError> {
                            if t.trim().is_empty() {
                                Ok(None)
                            } else {
                                season_year(t)
                                    .map(Some)
                                    .ok_or_else(|| bad(format!("cannot read seasons \"{}\"", ed.seasons)))
                            }
                        };
                        (bound(a)?, bound(b)?)
                    }
                    None => {
                        let year = season_year(&ed.seasons)
                            .ok_or_else(|| bad(format!("cannot read seasons \"{}\"", ed.seasons)))?;
                        (Some(year), Some(year))
                    }
                };
                if let (Some(f), Some(u)) = (from, until)
                    && f > u
                {
                    return Err(bad(format!("seasons \"{}\" run backwards", ed.seasons)));
                }
                let rules: RuleSet = ed.rules.parse().map_err(|_| {
                    bad(format!(
                        "no preset '{}' (presets: {})",
                        ed.rules,
                        RuleSet::names()
                    ))
                })?;
                let structure = Structure::new(ed.stages).map_err(|err| bad(err.to_string()))?;
                let zones = ed
                    .zones
                    .iter()
                    .map(|z| ZoneSpec::parse(z).ok_or_else(|| bad(format!("cannot read zone \"{z}\""))))
                    .collect::<Result<Vec<_>, _>>()?;
                let rank_by = match &ed.rank_by {
                    Some(r) => r
                        .parse()
                        .map_err(|_| bad(format!("cannot read rank_by \"{r}\"")))?,
                    None => RankBy::Points,
                };
                let edition_name = ed.name.map(|n| n.trim().to_string());
                if edition_name.as_deref() == Some("") {
                    return Err(bad("an edition's name cannot be empty".into()));
                }
                editions.push(Edition {
                    name: edition_name,
                    from,
                    until,
                    rules,
                    structure,
                    zones,
                    tier: ed.tier,
                    away_goals: ed.away_goals,
                    rank_by,
                    neutral: ed.neutral,
                    knockout: ed.knockout,
                });
            }
            let mut keys: Vec<String> = std::iter::once(name.as_str())
                .chain(std::iter::once(slug.as_str()))
                .chain(e.aliases.iter().map(String::as_str))
                .chain(editions.iter().filter_map(Edition::name))
                .map(normalize_name)
                .filter(|k| !k.is_empty())
                .collect();
            keys.sort();
            keys.dedup();
            for other in &entries {
                if let Some(key) = keys.iter().find(|k| other.answers_to(k)) {
                    return Err(bad(format!("'{key}' is also a name of '{}'", other.name)));
                }
            }
            entries.push(Entry {
                name,
                slug,
                country: e.country,
                teams: e.teams,
                tier: e.tier,
                aliases: e.aliases,
                keys,
                editions,
            });
        }
        Ok(Catalogue { entries })
    }

    /// This catalogue with `over`'s entries put first: an entry of `over` that answers
    /// to any name of one of this catalogue's replaces it (a user's file overrides).
    /// The replaced entry's names stay names of the one replacing it, so a file found
    /// by a code (`SC0`) still finds the user's entry.
    ///
    /// An entry of `over` with names alone (no editions) adds its names to the entry that
    /// answers to one of them, replacing nothing; with none to add to, it stays as it is
    /// ([`Entry::is_names_only`]).
    pub fn overridden_by(self, over: Catalogue) -> Catalogue {
        let (names_only, mut entries): (Vec<Entry>, Vec<Entry>) =
            over.entries.into_iter().partition(Entry::is_names_only);
        let users = entries.len();
        for e in self.entries {
            match entries[..users]
                .iter_mut()
                .find(|o| e.keys.iter().any(|k| o.answers_to(k)))
            {
                Some(o) => {
                    for key in e.keys {
                        if !o.keys.contains(&key) {
                            o.keys.push(key);
                        }
                    }
                }
                None => entries.push(e),
            }
        }
        for names in names_only {
            match entries
                .iter_mut()
                .find(|o| names.keys.iter().any(|k| o.answers_to(k)))
            {
                Some(o) => {
                    for key in names.keys {
                        if !o.keys.contains(&key) {
                            o.keys.push(key);
                        }
                    }
                    o.aliases.extend(names.aliases);
                }
                None => entries.push(names),
            }
        }
        Catalogue { entries }
    }

    /// The entry that answers to `name` (its name, slug, an alias or a code),
    /// matched ignoring case, accents and punctuation.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        let key = normalize_name(name);
        self.entries.iter().find(|e| e.answers_to(&key))
    }

    /// The entry of a stored competition: by the name it is stored under, or its slug.
    pub fn entry_of(&self, competition: &crate::Competition) -> Option<&Entry> {
        self.find(&competition.name)
            .or_else(|| self.find(&competition.slug))
    }

    /// Every entry, in the catalogue's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, PhaseKind};

    #[test]
    fn the_bundled_catalogue_loads_and_every_entry_has_a_current_edition_or_an_end() {
        let catalogue = Catalogue::bundled();
        assert!(catalogue.entries().len() >= 20);
        for e in catalogue.entries() {
            assert!(catalogue.find(e.name()).is_some_and(|f| f.slug() == e.slug()));
            for alias in e.aliases() {
                assert_eq!(catalogue.find(alias).map(Entry::slug), Some(e.slug()), "{alias}");
            }
        }
    }

    #[test]
    fn names_of_other_sources_and_eras_find_their_entry() {
        let c = Catalogue::bundled();
        // football-data.co.uk's name for 2000-13 keeps the split.
        let spl = c.find("Scottish Premier League").unwrap();
        assert_eq!(spl.slug(), "scottish-premiership");
        assert!(
            spl.edition(Season::starting(2005))
                .unwrap()
                .structure()
                .split()
                .is_some()
        );
        // Austria's own name for its league is Austria's entry, not Germany's.
        let austria = c.find("Österr. Bundesliga").unwrap();
        assert_eq!(
            austria.edition(Season::starting(2023)).unwrap().rules(),
            RuleSet::AustrianBundesliga
        );
        assert_eq!(c.find("Deutsche Bundesliga").unwrap().slug(), "bundesliga");
        // The Championship relegates three, whatever the size of the table.
        let efl = c.find("E1").unwrap().edition(Season::starting(2021)).unwrap();
        assert!(efl.zones(24).contains(&"relegation=22-24".parse().unwrap()));
        // The women's league is its own, with a relegation place.
        let wsl = c.find("English Women's Super League").unwrap();
        assert_eq!(wsl.teams(), Teams::Women);
        assert!(
            wsl.edition(Season::starting(2023))
                .unwrap()
                .zones(12)
                .contains(&"relegation=12".parse().unwrap())
        );
        // English history: the First Division was the top tier until 1991-92, the second after.
        let first = c.find("First Division").unwrap();
        assert_eq!(first.tier(Season::starting(1980)), Some(1));
        assert_eq!(first.tier(Season::starting(1995)), Some(2));
        assert!(c.find("Highland Football League").is_none());
    }

    #[test]
    fn european_places_follow_the_season() {
        // UEFA's European Performance Spots: a fifth Champions League place for Italy and
        // Germany in 2023-24, for England and Spain in 2024-25.
        // Each league's zones for a table of its clubs (18 in the Bundesliga, 20 elsewhere).
        let has = |name: &str, year: i32, clubs: u16, zone: &str| {
            Catalogue::bundled()
                .find(name)
                .and_then(|e| e.edition(Season::starting(year)))
                .unwrap()
                .zones(clubs)
                .iter()
                .any(|z| z.to_string() == zone)
        };
        assert!(has("Serie A", 2023, 20, "champions-league=1-5"));
        assert!(has("Serie A", 2022, 20, "champions-league=1-4"));
        assert!(has("Bundesliga", 2023, 18, "champions-league=1-5"));
        assert!(has("Bundesliga", 2024, 18, "champions-league=1-4"));
        assert!(has("Bundesliga", 2024, 18, "relegation-play-off=16"));
        assert!(has("La Liga", 2023, 20, "champions-league=1-4"));
        assert!(has("La Liga", 2024, 20, "champions-league=1-5"));
        assert!(has("Premier League", 2024, 20, "champions-league=1-5"));
        assert!(has("Premier League", 2023, 20, "europa-league=5"));
        assert!(has("Premier League", 2023, 20, "conference-league=6"));
        assert!(has("Premier League", 2023, 20, "relegation=18-20"));
    }

    #[test]
    fn zones_resolve_against_the_table() {
        let spec = ZoneSpec::parse("relegation=last 3").unwrap();
        assert_eq!(spec.resolve(20), Some("relegation=18-20".parse().unwrap()));
        assert_eq!(spec.resolve(24), Some("relegation=22-24".parse().unwrap()));
        assert_eq!(spec.resolve(3), None);
        let fixed = ZoneSpec::parse("champions-league=1-4").unwrap();
        assert_eq!(fixed.resolve(3), None);
        let play_off = ZoneSpec::parse("relegation-play-off=last 3-3").unwrap();
        assert_eq!(
            play_off.resolve(18),
            Some("relegation-play-off=16".parse().unwrap())
        );
        assert!(ZoneSpec::parse("relegation=last 0").is_none());
        assert!(ZoneSpec::parse("relegation=last 1-2").is_none());
        assert!(ZoneSpec::parse("bad name=1").is_none());
    }

    #[test]
    fn entries_are_checked_naming_the_entry() {
        let one = |body: &str| Catalogue::parse(body, "test.toml");
        let league = r#"
            [[competition]]
            name = "Highland League"
            aliases = ["HFL"]
            [[competition.edition]]
            seasons = "2010-11.."
            rules = "plain"
            stages = [{ name = "League", kind = "league", meetings = 2 }]
            zones = ["champions=1"]
        "#;
        let c = one(league).unwrap();
        let e = c.find("hfl").unwrap();
        assert_eq!(e.slug(), "highland-league");
        assert!(e.edition(Season::starting(2009)).is_none());
        let ed = e.edition(Season::starting(2024)).unwrap();
        assert_eq!(ed.structure().format(), Format::League);
        assert_eq!(ed.structure().phases()[0].kind, PhaseKind::League { meetings: 2 });
        let broken = |from: &str, to: &str| one(&league.replace(from, to)).unwrap_err().to_string();
        assert!(
            broken("\"plain\"", "\"plane\"").contains("competition 'Highland League': no preset 'plane'")
        );
        assert!(broken("2010-11..", "2010-11..2001").contains("run backwards"));
        assert!(broken("meetings = 2", "meetings = 0").contains("meetings must be at least 1"));
        assert!(broken("champions=1", "champions=x").contains("cannot read zone"));
        assert!(broken("rules =", "rulez =").contains("test.toml"));
        // Two entries answering to one name.
        let twice = format!(
            "{league}\n{}",
            league.replace("Highland League", "Lowland League")
        );
        assert!(
            one(&twice)
                .unwrap_err()
                .to_string()
                .contains("'hfl' is also a name of 'Highland League'")
        );
    }

    #[test]
    fn a_users_entry_overrides_the_bundled_one() {
        let mine = Catalogue::parse(
            r#"
            [[competition]]
            name = "Scottish Premiership"
            [[competition.edition]]
            seasons = "2000-01.."
            rules = "plain"
            stages = [{ name = "League", kind = "league", meetings = 4 }]
            "#,
            "mine.toml",
        )
        .unwrap();
        let both = Catalogue::bundled().clone().overridden_by(mine);
        let scots = both.find("SC0").unwrap();
        assert_eq!(
            scots.edition(Season::starting(2020)).unwrap().rules(),
            RuleSet::Plain
        );
        assert_eq!(both.entries().len(), Catalogue::bundled().entries().len());
    }

    #[test]
    fn a_users_entry_of_names_alone_adds_them_to_the_bundled_one() {
        let mine = Catalogue::parse(
            r#"
            [[competition]]
            name = "EFL Cup"
            aliases = ["The Milk Cup", "Rumbelows Cup"]
            [[competition]]
            name = "Highland League"
            aliases = ["HFL"]
            "#,
            "mine.toml",
        )
        .unwrap();
        let both = Catalogue::bundled().clone().overridden_by(mine);
        let cup = both.find("the milk cup").unwrap();
        assert_eq!(cup.name(), "EFL Cup");
        // The bundled entry is kept whole: its editions and its own names.
        assert!(cup.edition(Season::starting(2023)).is_some());
        assert!(cup.is_called("Carabao Cup") && cup.is_called("Rumbelows Cup"));
        // Names for no entry stay apart, for the command line to refuse.
        assert!(both.find("HFL").unwrap().is_names_only());
        assert!(
            Catalogue::parse("[[competition]]\nname = \"Nothing\"\n", "x")
                .unwrap_err()
                .to_string()
                .contains("at least one [[competition.edition]]")
        );
    }

    #[test]
    fn names_fans_type_find_their_competitions() {
        let bundled = Catalogue::bundled();
        for (typed, name) in [
            ("PL", "Premier League"),
            ("Prem", "Premier League"),
            ("Premier", "Premier League"),
            ("League Cup", "EFL Cup"),
            ("Carabao Cup", "EFL Cup"),
            ("EFL Cup", "EFL Cup"),
            ("UCL", "UEFA Champions League"),
        ] {
            assert_eq!(bundled.find(typed).map(Entry::name), Some(name), "{typed}");
        }
    }
}
