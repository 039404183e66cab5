/// One translation of the catalog's texts: its tag in lower case, the translations a
/// lookup tries in order (itself first, then its fallbacks but the source), its plural
/// rule, and its texts `(code index, title, message template)`, sorted by code index.
pub struct Translation {
    pub tag: &'static str,
    pub chain: &'static [usize],
    pub plural: fn(&Operands) -> usize,
    pub texts: &'static [(u32, &'static str, &'static str)],
}

/// The CLDR plural categories, as the plural rules number them.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The plural operands of a number (UTS #35): `n` its absolute value, `i` its integer
/// digits, `v`/`w` its visible fraction digits with/without trailing zeros, `f`/`t` those
/// digits as a number, `e` a compact exponent (always 0 here).
pub struct Operands {
    pub n: f64,
    pub i: u64,
    pub v: u64,
    pub w: u64,
    pub f: u64,
    pub t: u64,
    pub e: u64,
}

/// The operands of a number written in decimal (`30`, `-1.50`), or `None`.
pub fn operands(text: &str) -> Option<Operands> {
    let unsigned = text.trim().trim_start_matches('-');
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if integer.is_empty() || !digits(integer) || !digits(fraction) || integer.len() > 18 || fraction.len() > 18 {
        return None;
    }
    let number = |part: &str| if part.is_empty() { Some(0) } else { part.parse::<u64>().ok() };
    let trimmed = fraction.trim_end_matches('0');
    Some(Operands {
        n: unsigned.parse().ok()?,
        i: number(integer)?,
        v: fraction.len() as u64,
        w: trimmed.len() as u64,
        f: number(fraction)?,
        t: number(trimmed)?,
        e: 0,
    })
}

/// Whether `value` (an operand, maybe taken modulo) is one of the integers in `ranges`.
pub fn within(value: f64, ranges: &[(u64, u64)]) -> bool {
    value.fract() == 0.0 && ranges.iter().any(|&(low, high)| (low as f64..=high as f64).contains(&value))
}

/// The translation for `locale` (a BCP 47 tag, any case): the one of the whole tag, else of
/// its parents (`de-CH-1996`, `de-CH`, `de`); `None` means the catalog's own texts.
pub fn translation(locale: &str) -> Option<usize> {
    let mut tag = locale.trim().to_ascii_lowercase().replace('_', "-");
    loop {
        if let Some(at) = TRANSLATIONS.iter().position(|translation| translation.tag == tag) {
            return Some(at);
        }
        tag.truncate(tag.rfind('-')?);
    }
}

/// The title and message template of code `index` in `locale`, looked up along the
/// locale's chain, with the translation they come from; `None` where only the catalog's
/// own texts have the code.
pub fn texts(index: usize, locale: &str) -> Option<(&'static str, &'static str, usize)> {
    let first = translation(locale)?;
    TRANSLATIONS[first].chain.iter().find_map(|&at| {
        let texts = TRANSLATIONS[at].texts;
        let found = texts.binary_search_by_key(&(index as u32), |&(code, _, _)| code).ok()?;
        Some((texts[found].1, texts[found].2, at))
    })
}

/// A translated template filled in: `{name}` by `value(name)` as the catalog shows values,
/// `{name, plural, … }` by the arm of an exact number (`=0`) or else of the category that
/// `plural` selects for the number (`other` when it is not a number), `#` in an arm by the
/// number, and `{{`, `}}` by `{`, `}`. The templates are the checked ones of the catalog.
pub fn fill_localized(
    template: &str,
    value: &dyn Fn(&str) -> Option<Value>,
    plural: fn(&Operands) -> usize,
) -> String {
    let mut out = String::with_capacity(template.len());
    let chars: Vec<char> = template.chars().collect();
    let mut at = 0;
    fill_parts(&chars, &mut at, None, value, plural, &mut out);
    out
}

/// Fills the parts from `chars[*at..]` into `out`, up to the end or, inside an arm of a
/// plural choice whose number is `number`, up to the `}` that closes the arm.
fn fill_parts(
    chars: &[char],
    at: &mut usize,
    number: Option<&str>,
    value: &dyn Fn(&str) -> Option<Value>,
    plural: fn(&Operands) -> usize,
    out: &mut String,
) {
    while let Some(&c) = chars.get(*at) {
        *at += 1;
        match c {
            '{' if chars.get(*at) == Some(&'{') => {
                *at += 1;
                out.push('{');
            }
            '}' if number.is_some() => return,
            '}' if chars.get(*at) == Some(&'}') => {
                *at += 1;
                out.push('}');
            }
            '#' => match number {
                Some(number) => out.push_str(number),
                None => out.push('#'),
            },
            '{' => placeholder(chars, at, value, plural, out),
            c => out.push(c),
        }
    }
}

/// A placeholder or plural choice, its `{` read.
fn placeholder(
    chars: &[char],
    at: &mut usize,
    value: &dyn Fn(&str) -> Option<Value>,
    plural: fn(&Operands) -> usize,
    out: &mut String,
) {
    let word = |at: &mut usize| {
        while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
            *at += 1;
        }
        let start = *at;
        while chars.get(*at).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '=')) {
            *at += 1;
        }
        let word: String = chars[start..*at].iter().collect();
        while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
            *at += 1;
        }
        word
    };
    let name = word(at);
    if chars.get(*at) != Some(&',') {
        *at += 1; // The closing `}`.
        if let Some(value) = value(&name) {
            show(&value, out);
        }
        return;
    }
    *at += 1;
    let _plural_keyword = word(at);
    *at += 1; // The `,` after `plural`.
    let number = value(&name).map(|value| {
        let mut text = String::new();
        show(&value, &mut text);
        text
    });
    let category = number.as_deref().and_then(operands).map_or(5, |o| plural(&o));
    let mut chosen: Option<(usize, usize)> = None; // (rank: 0 exact, 1 category, 2 other; start)
    loop {
        let selector = word(at);
        if selector.is_empty() {
            *at += 1; // The `}` that closes the choice.
            break;
        }
        *at += 1; // The arm's `{`.
        let start = *at;
        // Skip the arm: count braces, minding `{{`.
        let mut depth = 0usize;
        while let Some(&c) = chars.get(*at) {
            *at += 1;
            match c {
                '{' if chars.get(*at) == Some(&'{') && depth == 0 => *at += 1,
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                _ => {}
            }
        }
        let rank = match selector.strip_prefix('=') {
            Some(exact) if number.as_deref() == Some(exact) => Some(0),
            Some(_) => None,
            None if CATEGORIES.get(category) == Some(&selector.as_str()) => Some(1),
            None if selector == "other" => Some(2),
            None => None,
        };
        if let Some(rank) = rank
            && chosen.is_none_or(|(best, _)| rank < best)
        {
            chosen = Some((rank, start));
        }
    }
    if let Some((_, start)) = chosen {
        let mut arm = start;
        fill_parts(chars, &mut arm, Some(number.as_deref().unwrap_or_default()), value, plural, out);
    }
}

/// The values of the placeholders of a filled source `template` found in `message`,
/// reading each from between the template's literal texts; `None` when `message` does not
/// have the template's shape. (A placeholder right after another takes what is left up to
/// the next literal text, the first one nothing.)
pub fn values_in(template: &str, message: &str) -> Option<Map<String, Value>> {
    let mut values = Map::new();
    let mut rest = message;
    let mut literal = String::new();
    let mut pending: Option<String> = None;
    let mut chars = template.chars().peekable();
    let mut take = |literal: &mut String, pending: &mut Option<String>, rest: &mut &str| -> Option<()> {
        match pending.take() {
            Some(name) if literal.is_empty() => {
                values.insert(name, Value::String(String::new()));
            }
            Some(name) => {
                let end = rest.find(literal.as_str())?;
                values.insert(name, Value::String(rest[..end].to_owned()));
                *rest = &rest[end + literal.len()..];
            }
            None => *rest = rest.strip_prefix(literal.as_str())?,
        }
        literal.clear();
        Some(())
    };
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                take(&mut literal, &mut pending, &mut rest)?;
                pending = Some(chars.by_ref().take_while(|&c| c != '}').collect());
            }
            c => literal.push(c),
        }
    }
    match pending.take() {
        Some(name) => {
            let end = if literal.is_empty() {
                rest.len()
            } else {
                rest.strip_suffix(literal.as_str()).map(str::len)?
            };
            values.insert(name, Value::String(rest[..end].to_owned()));
        }
        None => {
            if rest != literal {
                return None;
            }
        }
    }
    Some(values)
}

/// The locale of `locales` (the source first) that best answers an `Accept-Language`
/// header: the ranges in order of their `q` (RFC 9110; `q=0` refuses), each matched by
/// lookup (RFC 4647: `de-CH` is answered by `de-CH`, else `de`); `*` and no match give the
/// source.
pub fn negotiate(header: &str, locales: &[&'static str]) -> &'static str {
    let mut ranges: Vec<(u16, usize, String)> = Vec::new();
    for (position, item) in header.split(',').enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|param| param.trim().strip_prefix("q=").or_else(|| param.trim().strip_prefix("Q=")))
            .filter_map(|q| q.trim().parse::<f32>().ok())
            .next()
            .unwrap_or(1.0);
        if range.is_empty() || !(0.0..=1.0).contains(&quality) || quality == 0.0 {
            continue;
        }
        ranges.push(((quality * 1000.0) as u16, position, range));
    }
    ranges.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, range) in &ranges {
        if range == "*" {
            break;
        }
        let mut tag = range.as_str();
        loop {
            if let Some(found) = locales.iter().find(|locale| locale.eq_ignore_ascii_case(tag)) {
                return found;
            }
            match tag.rfind('-') {
                Some(at) => tag = &tag[..at],
                None => break,
            }
        }
    }
    locales[0]
}
