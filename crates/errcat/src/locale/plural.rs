//! CLDR cardinal plural rules: which plural categories a language has, and which one a
//! number takes.
//!
//! The rules are CLDR's own (`data/cldr/plurals.json`, from `cldr-core`), in the syntax of
//! [UTS #35 "Language Plural Rules"](https://unicode.org/reports/tr35/tr35-numbers.html#Language_Plural_Rules):
//! `i = 1 and v = 0`, `n % 10 = 2..4 and n % 100 != 12..14`, … A number's operands are read
//! from its decimal text, because visible fraction digits count (`1` is `one` in English,
//! `1.0` is `other`). Every rule's samples (`@integer 2~16, 100`) are checked in the tests.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

/// The CLDR data file, as committed.
const PLURALS_JSON: &str = include_str!("../../data/cldr/plurals.json");

/// A plural category of CLDR, in CLDR's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PluralCategory {
    /// `zero`.
    Zero,
    /// `one`.
    One,
    /// `two`.
    Two,
    /// `few`.
    Few,
    /// `many`.
    Many,
    /// `other`, which every language has.
    Other,
}

impl PluralCategory {
    /// Every category, in CLDR's order.
    pub const ALL: [PluralCategory; 6] = [Self::Zero, Self::One, Self::Two, Self::Few, Self::Many, Self::Other];

    /// The category's CLDR name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::One => "one",
            Self::Two => "two",
            Self::Few => "few",
            Self::Many => "many",
            Self::Other => "other",
        }
    }

    /// The category named `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|category| category.as_str() == name)
    }
}

/// The cardinal plural rules of one CLDR locale.
#[derive(Clone, Debug)]
pub struct PluralRules {
    /// The CLDR locale id the rules are for (`de`, `pt-PT`).
    pub locale: String,
    /// Each category but `other` with its condition, in CLDR's order.
    rules: Vec<(PluralCategory, Condition)>,
    /// Each category (`other` included) with its rule text as CLDR writes it, samples too.
    pub sources: Vec<(PluralCategory, String)>,
}

impl PluralRules {
    /// The rules for the BCP 47 tag `tag`: CLDR's rules for the whole tag when it has them
    /// (`pt-PT`), else for its language (`de` for `de-CH`); `None` for a language CLDR
    /// does not know.
    pub fn for_tag(tag: &str) -> Option<&'static PluralRules> {
        let table = table();
        let mut candidate = tag.replace('_', "-");
        loop {
            if let Some(rules) = table.get(candidate.as_str()) {
                return Some(rules);
            }
            match candidate.rfind('-') {
                Some(at) => candidate.truncate(at),
                None => return None,
            }
        }
    }

    /// The categories this locale uses, `other` last.
    pub fn categories(&self) -> Vec<PluralCategory> {
        self.sources.iter().map(|(category, _)| *category).collect()
    }

    /// The category of the number whose decimal text is `number` (`1`, `1.50`, `-3`, or
    /// CLDR's compact `1.2c6`).
    pub fn select(&self, number: &str) -> Result<PluralCategory, String> {
        let operands = Operands::parse(number)?;
        Ok(self.select_operands(&operands))
    }

    /// Each category but `other` with its condition, in CLDR's order: what the targets
    /// compile into their languages (a number is `other` when no condition holds).
    pub fn conditions(&self) -> &[(PluralCategory, Condition)] {
        &self.rules
    }

    /// The category of a number given by its operands.
    pub fn select_operands(&self, operands: &Operands) -> PluralCategory {
        self.rules
            .iter()
            .find(|(_, condition)| condition.holds(operands))
            .map_or(PluralCategory::Other, |(category, _)| *category)
    }
}

/// Every locale's rules, parsed once.
fn table() -> &'static BTreeMap<String, PluralRules> {
    static TABLE: OnceLock<BTreeMap<String, PluralRules>> = OnceLock::new();
    // The committed file is checked by the tests; an unreadable one would have no rules.
    TABLE.get_or_init(|| parse_table(PLURALS_JSON).unwrap_or_default())
}

/// Parses the committed CLDR file.
fn parse_table(json: &str) -> Result<BTreeMap<String, PluralRules>, String> {
    #[derive(serde::Deserialize)]
    struct File {
        cardinal: BTreeMap<String, BTreeMap<String, String>>,
    }
    let file: File = serde_json::from_str(json).map_err(|e| format!("plurals.json: {e}"))?;
    let mut table = BTreeMap::new();
    for (locale, entries) in file.cardinal {
        let mut sources = Vec::new();
        let mut rules = Vec::new();
        for (key, text) in entries {
            let name = key.strip_prefix("pluralRule-count-").ok_or_else(|| format!("{locale}: key {key}"))?;
            let category = PluralCategory::from_name(name).ok_or_else(|| format!("{locale}: category {name}"))?;
            let condition_text = text.split('@').next().unwrap_or("").trim();
            if category != PluralCategory::Other {
                let condition = Condition::parse(condition_text).map_err(|e| format!("{locale} {name}: {e}"))?;
                rules.push((category, condition));
            }
            sources.push((category, text.trim().to_owned()));
        }
        rules.sort_by_key(|(category, _)| *category);
        sources.sort_by_key(|(category, _)| *category);
        table.insert(locale.clone(), PluralRules { locale, rules, sources });
    }
    Ok(table)
}

/// The operands of a number (UTS #35): `n` its absolute value, `i` its integer digits,
/// `v` and `w` the count of its visible fraction digits with and without trailing zeros,
/// `f` and `t` those digits as a number, with and without trailing zeros, `e` the
/// exponent of a compact number (`1.2c6`).
#[derive(Clone, Debug, PartialEq)]
pub struct Operands {
    n: f64,
    i: u64,
    v: u64,
    w: u64,
    f: u64,
    t: u64,
    e: u64,
}

impl Operands {
    /// The operands of the decimal text `number`: digits with at most one `.`, an
    /// optional sign, and optionally CLDR's compact exponent (`c6` or `e6`).
    pub fn parse(number: &str) -> Result<Operands, String> {
        let bad = || format!("`{number}` is not a decimal number");
        let unsigned = number.trim().trim_start_matches(['-', '+']);
        let (mantissa, exponent) = match unsigned.split_once(['c', 'e']) {
            Some((mantissa, exponent)) => (mantissa, exponent.parse::<u32>().map_err(|_| bad())?),
            None => (unsigned, 0),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if integer.is_empty()
            || !integer.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
            || (mantissa.contains('.') && fraction.is_empty())
            || exponent > 30
        {
            return Err(bad());
        }
        // Shift the point right by the exponent.
        let shift = usize::try_from(exponent).map_err(|_| bad())?;
        let mut digits = format!("{integer}{fraction}");
        let point = integer.len() + shift;
        while digits.len() < point {
            digits.push('0');
        }
        let (integer, fraction) = digits.split_at(point);
        let integer = integer.trim_start_matches('0');
        if integer.len() > 18 || fraction.len() > 18 {
            return Err(format!("`{number}` has more digits than plural rules read"));
        }
        let parse = |digits: &str| if digits.is_empty() { Ok(0) } else { digits.parse::<u64>().map_err(|_| bad()) };
        let trimmed = fraction.trim_end_matches('0');
        let i = parse(integer)?;
        let f = parse(fraction)?;
        let n = format!(
            "{}.{}",
            if integer.is_empty() { "0" } else { integer },
            if fraction.is_empty() { "0" } else { fraction }
        )
        .parse::<f64>()
        .map_err(|_| bad())?;
        Ok(Operands {
            n,
            i,
            v: fraction.len() as u64,
            w: trimmed.len() as u64,
            f,
            t: parse(trimmed)?,
            e: u64::from(exponent),
        })
    }

    /// The value of the operand named `name`, as a number.
    fn value(&self, name: Operand) -> f64 {
        #[allow(clippy::cast_precision_loss)] // Operands have at most 18 digits.
        match name {
            Operand::N => self.n,
            Operand::I => self.i as f64,
            Operand::V => self.v as f64,
            Operand::W => self.w as f64,
            Operand::F => self.f as f64,
            Operand::T => self.t as f64,
            Operand::E => self.e as f64,
        }
    }
}

/// An operand of the rule syntax (UTS #35), named by its letter (serialized so).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Operand {
    /// `n`: the absolute value.
    N,
    /// `i`: the integer digits.
    I,
    /// `v`: the count of visible fraction digits.
    V,
    /// `w`: the count of visible fraction digits without trailing zeros.
    W,
    /// `f`: the visible fraction digits, as a number.
    F,
    /// `t`: the visible fraction digits without trailing zeros, as a number.
    T,
    /// `e` (or `c`): the exponent of a compact number.
    E,
}

impl Operand {
    /// The operand's letter.
    pub fn letter(self) -> char {
        match self {
            Operand::N => 'n',
            Operand::I => 'i',
            Operand::V => 'v',
            Operand::W => 'w',
            Operand::F => 'f',
            Operand::T => 't',
            Operand::E => 'e',
        }
    }
}

/// A rule's condition: relations joined by `and`, those joined by `or`.
#[derive(Clone, Debug, Serialize)]
pub struct Condition {
    /// Alternatives (`or`), each a conjunction (`and`) of relations; no alternatives is a
    /// condition that never holds.
    pub any_of: Vec<Vec<Relation>>,
}

/// `operand [% modulus] (= | !=) ranges`: whether the operand (modulo `modulus`) is one
/// of the integers of `ranges`, or with `negated` is not.
#[derive(Clone, Debug, Serialize)]
pub struct Relation {
    /// The operand compared.
    pub operand: Operand,
    /// `% modulus`, when given.
    pub modulus: Option<u64>,
    /// `!=` rather than `=`.
    pub negated: bool,
    /// Inclusive ranges; a single value is a range of one.
    pub ranges: Vec<(u64, u64)>,
}

impl Condition {
    /// Parses a condition of the rule syntax (CLDR's JSON spelling: `=`, `!=`, `%`, `..`).
    fn parse(text: &str) -> Result<Condition, String> {
        let mut any_of = Vec::new();
        if text.is_empty() {
            return Ok(Condition { any_of });
        }
        for alternative in text.split(" or ") {
            let mut all_of = Vec::new();
            for relation in alternative.split(" and ") {
                all_of.push(Relation::parse(relation.trim())?);
            }
            any_of.push(all_of);
        }
        Ok(Condition { any_of })
    }

    fn holds(&self, operands: &Operands) -> bool {
        self.any_of.iter().any(|all_of| all_of.iter().all(|relation| relation.holds(operands)))
    }
}

impl Relation {
    fn parse(text: &str) -> Result<Relation, String> {
        let (left, negated, right) = if let Some((left, right)) = text.split_once("!=") {
            (left, true, right)
        } else if let Some((left, right)) = text.split_once('=') {
            (left, false, right)
        } else {
            return Err(format!("`{text}` has no `=` or `!=`"));
        };
        let (operand, modulus) = match left.split_once('%') {
            Some((operand, modulus)) => (operand, Some(number(modulus)?)),
            None => (left, None),
        };
        let operand = match operand.trim() {
            "n" => Operand::N,
            "i" => Operand::I,
            "v" => Operand::V,
            "w" => Operand::W,
            "f" => Operand::F,
            "t" => Operand::T,
            "e" | "c" => Operand::E,
            other => return Err(format!("unknown operand `{other}`")),
        };
        let mut ranges = Vec::new();
        for item in right.split(',') {
            ranges.push(match item.split_once("..") {
                Some((low, high)) => (number(low)?, number(high)?),
                None => {
                    let value = number(item)?;
                    (value, value)
                }
            });
        }
        Ok(Relation { operand, modulus, negated, ranges })
    }

    fn holds(&self, operands: &Operands) -> bool {
        let mut value = operands.value(self.operand);
        if let Some(modulus) = self.modulus {
            #[allow(clippy::cast_precision_loss)] // Moduli are small.
            let modulus = modulus as f64;
            value %= modulus;
        }
        // A value in a range must be one of its integers (`n = 1..3` is false for 1.5).
        #[allow(clippy::cast_precision_loss)]
        let within = value.fract() == 0.0
            && self.ranges.iter().any(|&(low, high)| (low as f64) <= value && value <= (high as f64));
        within != self.negated
    }
}

/// A whole number of the rule syntax.
fn number(text: &str) -> Result<u64, String> {
    text.trim().parse().map_err(|_| format!("`{}` is not a whole number", text.trim()))
}

#[cfg(test)]
/// The rules against CLDR's own samples.
mod tests {
    use super::*;

    /// The numbers a sample list names (`0, 2~16, 100, …` or `0.0~1.5, 10.0`), each range
    /// walked in steps of its last digit, at most 50 per range.
    fn samples(list: &str) -> Vec<String> {
        let mut numbers = Vec::new();
        for item in list.split(',').map(str::trim).filter(|item| !item.is_empty() && *item != "…") {
            let Some((low, high)) = item.split_once('~') else {
                numbers.push(item.to_owned());
                continue;
            };
            let decimals = low.split_once('.').map_or(0, |(_, fraction)| fraction.len());
            let scaled = |text: &str| -> u64 { text.replace('.', "").parse().unwrap_or(0) };
            let (mut at, end) = (scaled(low), scaled(high));
            let mut taken = 0;
            while at <= end && taken < 50 {
                let digits = format!("{at:0width$}", width = decimals + 1);
                let (integer, fraction) = digits.split_at(digits.len() - decimals);
                numbers.push(if decimals == 0 { integer.to_owned() } else { format!("{integer}.{fraction}") });
                at += 1;
                taken += 1;
            }
        }
        numbers
    }

    #[test]
    /// Every sample of every rule of every CLDR locale selects that rule's category.
    fn every_cldr_sample_selects_its_category() {
        let table = parse_table(PLURALS_JSON).unwrap_or_else(|e| panic!("{e}"));
        assert!(table.len() > 200, "{} locales", table.len());
        let mut checked = 0;
        for rules in table.values() {
            for (category, source) in &rules.sources {
                for part in source.split('@').skip(1) {
                    let list = part.trim_start_matches("integer").trim_start_matches("decimal");
                    for number in samples(list) {
                        let selected = rules.select(&number).unwrap_or_else(|e| panic!("{}: {e}", rules.locale));
                        assert_eq!(selected, *category, "{} selects {selected:?} for {number}", rules.locale);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked} samples");
    }

    #[test]
    /// Visible fraction digits count; a tag falls back to its language.
    fn examples() {
        let english = PluralRules::for_tag("en-GB").unwrap_or_else(|| panic!("no en"));
        assert_eq!(english.select("1"), Ok(PluralCategory::One));
        assert_eq!(english.select("1.0"), Ok(PluralCategory::Other));
        assert_eq!(english.select("2"), Ok(PluralCategory::Other));
        assert_eq!(english.categories(), [PluralCategory::One, PluralCategory::Other]);
        let russian = PluralRules::for_tag("ru").unwrap_or_else(|| panic!("no ru"));
        assert_eq!(
            russian.categories(),
            [PluralCategory::One, PluralCategory::Few, PluralCategory::Many, PluralCategory::Other]
        );
        assert_eq!(russian.select("22"), Ok(PluralCategory::Few));
        assert_eq!(russian.select("12"), Ok(PluralCategory::Many));
        assert_eq!(russian.select("1.5"), Ok(PluralCategory::Other));
        assert_eq!(PluralRules::for_tag("pt-PT").map(|rules| rules.locale.as_str()), Some("pt-PT"));
        assert_eq!(PluralRules::for_tag("pt-BR").map(|rules| rules.locale.as_str()), Some("pt"));
        assert!(PluralRules::for_tag("zz").is_none());
        assert!(english.select("1.").is_err());
        assert!(english.select("one").is_err());
        assert_eq!(Operands::parse("1.2c6").map(|o| (o.i, o.v, o.e)), Ok((1_200_000, 0, 6)));
    }
}
