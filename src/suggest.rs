//! "Did you mean …?" for names a user mistyped: snippet ids, questions, states, links.

/// The candidate closest to `input` by edit distance, if it is close enough to be a typo.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(2);
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let near = candidates
        .iter()
        .map(|c| (distance(&input, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    // A shortened name (`advocates` for `advocates-and-shelters`) is far by edit distance
    // but plainly meant.
    near.or_else(|| {
        (input.chars().count() >= 4)
            .then(|| {
                candidates
                    .iter()
                    .find(|c| c.to_lowercase().starts_with(&input))
                    .copied()
            })
            .flatten()
    })
}

/// ` (did you mean 'x'?)` or nothing, ready to append to a message.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    closest(input, candidates)
        .map(|c| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default()
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(prev + usize::from(ca != *cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_miss_and_nothing_for_a_stranger() {
        let ids = ["drop-charges", "custody-basics"];
        assert_eq!(closest("drop-charge", ids), Some("drop-charges"));
        assert_eq!(closest("DROP-CHARGES", ids), Some("drop-charges"));
        assert_eq!(closest("housing", ids), None);
        assert_eq!(closest("custody", ids), Some("custody-basics"));
    }
}
