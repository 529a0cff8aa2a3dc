//! The English grammar words the pledge stage reads clauses with
//! (`data/grammar.yaml`): determiners, forms of "be", subject words,
//! coordinators, condition phrases, words that are not counted nouns ….
//!
//! The code keeps the mechanism (what makes a verb form a predicate, where
//! a clause starts); the words are data, so that a `--lexicon` file can
//! extend them for a genre or a language variety without a rebuild. Each
//! list is compiled to a hash set: the pledge stage asks about every word
//! of every clause, and a set answers in one probe whatever its size.

use rustc_hash::FxHashSet;
use serde::Deserialize;

/// A word of a list, as the embedded data holds it.
type Word = &'static str;

/// A string made to live as long as the process: lists are read once and
/// kept for the whole run.
pub(crate) fn leak(s: String) -> Word {
    Box::leak(s.into_boxed_str())
}

/// `w` in lower case (the same string when it has no capital).
pub(crate) fn lower(w: Word) -> Word {
    if w.chars().any(char::is_uppercase) {
        leak(w.to_lowercase())
    } else {
        w
    }
}

/// Declares the raw (as read) and compiled forms of the grammar from one
/// list of names, so that a list added to `data/grammar.yaml` needs one
/// line here and cannot be forgotten in the merge or the compile step.
macro_rules! grammar_lists {
    ($( $(#[$doc:meta])* $name:ident, )*) => {
        /// The grammar lists as read from YAML or JSON, generic over their
        /// strings like the rest of the raw lexicon.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct RawGrammar<S> {
            $(
                #[serde(default = "Vec::new")]
                $name: Vec<S>,
            )*
        }

        /// The compiled grammar lists (see `data/grammar.yaml`, where each
        /// is explained).
        #[derive(Debug, Clone, Default)]
        pub struct Grammar {
            $( $(#[$doc])* pub $name: FxHashSet<Word>, )*
        }

        impl RawGrammar<String> {
            /// The same lists with process-lifetime strings.
            pub(crate) fn leak(self) -> RawGrammar<Word> {
                RawGrammar {
                    $( $name: self.$name.into_iter().map(leak).collect(), )*
                }
            }
        }

        impl RawGrammar<Word> {
            /// Appends the user's words to every list.
            pub(crate) fn extend(&mut self, user: RawGrammar<Word>) {
                $( self.$name.extend(user.$name); )*
            }

            /// Compiles the lists, in lower case (phrases keep their
            /// single spaces between words).
            pub(crate) fn compile(&self) -> Grammar {
                Grammar {
                    $( $name: set(&self.$name), )*
                }
            }
        }
    };
}

grammar_lists! {
    /// Words right before a verb form that make it a noun, adjective or
    /// infinitive ("the support", "to commit").
    not_a_predicate_after,
    /// Words after which a verb form is a noun ("the plan to").
    determiners,
    /// Forms of "be".
    be,
    /// Linking verbs other than "be" ("remains concerned").
    linking,
    /// Verb forms that after "be" are the speaker's stance ("are committed").
    stative,
    /// Passives of a call, a call when "to" follows ("are encouraged to").
    passive_calls,
    /// Verb forms that are predicates only right after "be" ("are required").
    after_be_only,
    /// Words that may stand inside a multi-word verb form.
    inside_verb_form,
    /// Verbs that take their object without a preposition.
    direct_object_verbs,
    /// Prepositions of a noun's complement ("support to").
    noun_complement_prepositions,
    /// Verb forms that are verbs only before a determiner or possessive.
    verbs_before_object,
    /// Words after a participle's "by" naming how a body decided.
    manners_of_deciding,
    /// First words of a passive's agent that name someone in lower case.
    agent_openers,
    /// Relative pronouns.
    relative_pronouns,
    /// Personal pronouns: after a modal that opens a clause, its subject
    /// ("Should you be dissatisfied").
    pronouns,
    /// Relative pronouns for people.
    personal_relatives,
    /// Words before a modal that give it a clause of its own.
    clause_openers,
    /// "do", "does", "did", "not": between a relative pronoun and its verb.
    do_support,
    /// Words that may stand between a subject and its verb.
    between_subject_and_verb,
    /// Auxiliaries of the perfect.
    perfect_auxiliaries,
    /// Past tenses not formed with "-ed".
    irregular_past,
    /// Words that name who speaks right before a verb.
    subject_words,
    /// Words that join two clauses.
    coordinators,
    /// Lemmas of verbs whose participle after a comma is a second act.
    trailing_act_lemmas,
    /// Coordinators after which a verb returns to the main clause.
    main_clause_coordinators,
    /// Heads of actors whose "may" grants a power.
    empowered,
    /// Last words of a lead-in that a bare-verb item completes.
    lead_in_ends,
    /// Hedges that set a condition.
    conditions,
    /// Words opening a clause of permission ("where … allow").
    permission_openers,
    /// Verbs closing a clause of permission ("… allow", "… permit").
    permission_verbs,
    /// Prepositions that make the "-ing" form after them a noun.
    gerund_prepositions,
    /// Negations that after "to" are what a call asks.
    asked_negations,
    /// Words after a negation that make it emphasis ("not only").
    emphasis_after_negation,
    /// Words after a number that are not what it counts.
    not_counted,
    /// Words between a number and its unit of time.
    unit_qualifiers,
    /// Words whose number names a document or part of one.
    references,
    /// Words that open a list rather than belong to its first item.
    list_openers,
    /// Words dropped from the front of a list item.
    item_lead_words,
}

/// The words of `list` in lower case.
fn set(list: &[Word]) -> FxHashSet<Word> {
    list.iter().map(|&w| lower(w)).collect()
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    #[test]
    fn builtin_grammar_has_its_lists() {
        let g = &Lexicon::builtin().grammar;
        assert!(g.determiners.contains("the"));
        assert!(g.be.contains("were"));
        assert!(g.coordinators.contains(";"));
        assert!(g.conditions.contains("subject to"));
    }

    #[test]
    fn a_lexicon_file_extends_grammar_lists_in_lower_case() {
        let l = Lexicon::with_text("mine.yaml", "grammar:\n  stative: [Adamant]\n").unwrap();
        assert!(l.grammar.stative.contains("adamant"));
        // The built-in words stay.
        assert!(l.grammar.stative.contains("committed"));
    }

    #[test]
    fn an_unknown_grammar_list_is_an_error_naming_it() {
        let e = Lexicon::with_text("mine.yaml", "grammar:\n  adjectivez: [x]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("adjectivez"), "{e}");
    }
}
