//! Whether every reply of a snippet meets each `require` rule of the library.
//!
//! A reply meets a rule when one of its included blocks does (or its frame does). From the
//! exhaustive check, each block knows, for every answer combination that includes it,
//! which rules it meets. A reply that misses a rule is then an assignment of every question
//! (and the state) under which no block meets it: a search over the snippet's questions
//! that checks each block as soon as its questions are assigned, and stops at the first
//! such reply. The search is bounded; a snippet past the bound is reported, never waited for.

use std::collections::HashMap;

/// Key of a block's entry: the value index of each of its questions, then the jurisdiction.
pub type Key = Vec<u16>;

/// Which `require` rules a block meets, for every answer combination that includes it.
#[derive(Debug, Default)]
pub struct BlockRequirements {
    /// The questions the entry keys are made of, in order.
    pub vars: Vec<usize>,
    /// Whether the key ends with the jurisdiction.
    pub state: bool,
    /// For each included combination: whether each rule is met. Combinations that leave the
    /// block out are absent.
    pub meets: HashMap<Key, Vec<bool>>,
    /// Whether every combination that includes the block gave it text; kept whether or not
    /// `meets` was filled in.
    pub always_text: bool,
}

/// At most this many partial answers are tried per rule and snippet.
pub const MAX_STEPS: usize = 2_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every reply meets the rule.
    Met,
    /// A reply that misses it: the value index of each question (by question index; `None`
    /// for questions no block depends on) and the jurisdiction, if it matters.
    Missed {
        values: Vec<Option<usize>>,
        state: Option<usize>,
    },
    /// The search stopped at its bound.
    TooHard,
}

/// Searches for a reply of the snippet that misses rule `rule`. `domains` gives how many
/// values each question has; `jurisdictions` how many states there are.
pub fn search(
    blocks: &[BlockRequirements],
    rule: usize,
    domains: &[usize],
    jurisdictions: usize,
) -> Outcome {
    let mut vars: Vec<usize> = blocks.iter().flat_map(|b| b.vars.iter().copied()).collect();
    vars.sort_unstable();
    vars.dedup();
    let state = blocks.iter().any(|b| b.state);
    // Each block is checked at the depth where its last variable is assigned (the state is
    // the last variable).
    let depth_of = |b: &BlockRequirements| -> usize {
        let last_var = b
            .vars
            .iter()
            .map(|v| vars.iter().position(|x| x == v).unwrap_or(0) + 1)
            .max()
            .unwrap_or(0);
        if b.state { vars.len() + 1 } else { last_var }
    };
    let levels = vars.len() + usize::from(state);
    let mut due: Vec<Vec<usize>> = vec![Vec::new(); levels + 1];
    for (i, b) in blocks.iter().enumerate() {
        due[depth_of(b).min(levels)].push(i);
    }
    let mut search = Search {
        blocks,
        rule,
        vars: &vars,
        domains,
        jurisdictions,
        state,
        due: &due,
        assigned: vec![0; vars.len()],
        state_value: 0,
        steps: 0,
    };
    match search.run(0) {
        Some(true) => {
            let mut values = vec![None; domains.len()];
            for (i, &v) in vars.iter().enumerate() {
                values[v] = Some(search.assigned[i]);
            }
            Outcome::Missed {
                values,
                state: state.then_some(search.state_value),
            }
        }
        Some(false) => Outcome::Met,
        None => Outcome::TooHard,
    }
}

struct Search<'a> {
    blocks: &'a [BlockRequirements],
    rule: usize,
    vars: &'a [usize],
    domains: &'a [usize],
    jurisdictions: usize,
    state: bool,
    due: &'a [Vec<usize>],
    assigned: Vec<usize>,
    state_value: usize,
    steps: usize,
}

impl Search<'_> {
    /// Whether a missing reply exists with the first `depth` variables as assigned;
    /// `None` past the step bound.
    fn run(&mut self, depth: usize) -> Option<bool> {
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return None;
        }
        for &b in &self.due[depth] {
            if self.meets(b) {
                return Some(false);
            }
        }
        let levels = self.vars.len() + usize::from(self.state);
        if depth == levels {
            return Some(true);
        }
        let choices = if depth < self.vars.len() {
            self.domains[self.vars[depth]]
        } else {
            self.jurisdictions
        };
        for value in 0..choices {
            if depth < self.vars.len() {
                self.assigned[depth] = value;
            } else {
                self.state_value = value;
            }
            if self.run(depth + 1)? {
                return Some(true);
            }
        }
        Some(false)
    }

    /// Whether block `b`, all of whose variables are assigned, meets the rule.
    fn meets(&self, b: usize) -> bool {
        let block = &self.blocks[b];
        let mut key: Vec<u16> = block
            .vars
            .iter()
            .map(|v| {
                let i = self.vars.iter().position(|x| x == v).unwrap_or(0);
                self.assigned[i] as u16
            })
            .collect();
        if block.state {
            key.push(self.state_value as u16);
        }
        block
            .meets
            .get(&key)
            .is_some_and(|m| m.get(self.rule).copied().unwrap_or(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(vars: &[usize], meets: &[(&[u16], bool)]) -> BlockRequirements {
        BlockRequirements {
            vars: vars.to_vec(),
            state: false,
            meets: meets
                .iter()
                .map(|(k, m)| (k.to_vec(), vec![*m]))
                .collect::<HashMap<_, _>>(),
            always_text: true,
        }
    }

    #[test]
    fn an_unconditional_block_that_meets_the_rule_settles_it() {
        let always = block(&[], &[(&[], true)]);
        assert_eq!(search(&[always], 0, &[], 56), Outcome::Met);
    }

    #[test]
    fn finds_the_answers_that_leave_out_every_block_meeting_the_rule() {
        // Block 1 (when q0) meets it; block 2 (when not q1) meets it; q0 = no and q1 = yes
        // leave both out.
        let b1 = block(&[0], &[(&[0], true)]);
        let b2 = block(&[1], &[(&[1], true)]);
        let none = block(&[], &[(&[], false)]);
        assert_eq!(
            search(&[b1, b2, none], 0, &[2, 2], 56),
            Outcome::Missed {
                values: vec![Some(1), Some(0)],
                state: None
            }
        );
    }
}
