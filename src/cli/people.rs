//! `person` and `kind`: who the journal is about, and what kinds of
//! interaction it records.

use clap::Subcommand;

use super::output::{print_json, print_line};
use super::{CmdResult, Context, Failure};
use crate::domain::text::shown_line;
use crate::domain::{Category, PersonDraft};
use crate::store::PersonChange;

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person; the first one added becomes the current manager
    Add {
        /// Their name
        name: String,
        /// Their role, e.g. "Engineering Manager"
        #[arg(long)]
        role: Option<String>,
        /// Something they are better at than you (repeat for several)
        #[arg(long = "strength", value_name = "TEXT")]
        strengths: Vec<String>,
        /// The 1:1 cadence: a 1:1 every this many days
        #[arg(long, value_name = "DAYS")]
        every: Option<u32>,
        /// Make them the current manager
        #[arg(long)]
        current: bool,
        /// Who they are to you: manager (the default), skip_level, mentor or
        /// peer; decides which of the coach's rules apply
        #[arg(long, value_name = "RELATION")]
        relation: Option<String>,
    },
    /// List people, the current manager first
    List {
        /// Include archived people
        #[arg(long)]
        all: bool,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Change a person; fields not given stay as they are
    Set {
        /// Their name as it is now
        name: String,
        /// A new name
        #[arg(long = "name", value_name = "NEW")]
        new_name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        /// The name a summary greets them by [default: the first word of their name];
        /// "" goes back to the default
        #[arg(long, value_name = "NAME")]
        call: Option<String>,
        /// Replaces their strengths with these (repeat for several)
        #[arg(long = "strength", value_name = "TEXT")]
        strengths: Vec<String>,
        /// The 1:1 cadence in days
        #[arg(long, value_name = "DAYS")]
        every: Option<u32>,
        /// The next 1:1's date, over what the cadence implies
        #[arg(
            long = "next-1on1",
            value_name = "DAY",
            allow_hyphen_values = true,
            conflicts_with = "clear_next"
        )]
        next: Option<String>,
        /// Forget a next 1:1 date set before
        #[arg(long)]
        clear_next: bool,
        /// Make them the current manager
        #[arg(long)]
        current: bool,
        /// Who they are to you: manager, skip_level, mentor or peer
        #[arg(long, value_name = "RELATION")]
        relation: Option<String>,
        /// Archive them (kept, but out of lists; never coached)
        #[arg(long, conflicts_with = "unarchive")]
        archive: bool,
        #[arg(long)]
        unarchive: bool,
        #[command(flatten)]
        profile: Box<super::profiles::TheirProfileArgs>,
    },
    /// Show a person: their profile and the expectations between you
    Show {
        /// Their name
        name: String,
        /// Print it as a JSON object
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KindCommand {
    /// Add a kind of interaction in a category
    Add {
        /// Lowercase letters, digits and _, e.g. walk
        name: String,
        /// formal, informal, ask, update, feedback, note or work
        #[arg(long, short = 'c')]
        category: String,
    },
    /// List the kinds
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
}

pub fn person(cmd: PersonCommand, ctx: &Context) -> CmdResult {
    if let PersonCommand::Show { name, json } = &cmd {
        return super::profiles::show_person(name, *json, ctx);
    }
    let mut store = ctx.open_store()?;
    match cmd {
        PersonCommand::Add {
            name,
            role,
            strengths,
            every,
            current,
            relation,
        } => {
            let draft = PersonDraft {
                name,
                role: role.unwrap_or_default(),
                strengths,
                cadence_days: every,
                is_current: current,
                relation: relation
                    .as_deref()
                    .map(str::parse)
                    .transpose()?
                    .unwrap_or_default(),
            };
            let person = store.people_mut().add_person(&draft, ctx.today, ctx.now)?;
            print_line(person.id)?;
            let note = if person.is_current {
                " (current manager)"
            } else {
                ""
            };
            say!("added {}{note}", shown_line(&person.name));
            Ok(())
        }
        PersonCommand::List { all, json } => {
            let people = store.people().list(all)?;
            if json {
                return print_json(&people);
            }
            if people.is_empty() {
                say!("no people yet: add your manager with `rapport person add NAME --current`");
            }
            for p in people {
                let marker = if p.is_current { "*" } else { " " };
                let cadence = p
                    .cadence_days
                    .map(|d| format!("1:1 every {}", crate::present::days(d)))
                    .unwrap_or_else(|| "no 1:1 cadence".to_string());
                let archived = if p.archived { " (archived)" } else { "" };
                print_line(format_args!(
                    "{marker} {}{archived}  {}  {}  {cadence}",
                    shown_line(&p.name),
                    shown_line(&p.role),
                    p.relation.words()
                ))?;
                if !p.strengths.is_empty() {
                    print_line(format_args!(
                        "    strengths: {}",
                        shown_line(&p.strengths.join("; "))
                    ))?;
                }
            }
            Ok(())
        }
        PersonCommand::Set {
            name,
            new_name,
            role,
            call,
            strengths,
            every,
            next,
            clear_next,
            current,
            relation,
            archive,
            unarchive,
            profile,
        } => {
            let person = store.people().person_named(&name)?;
            let next_one_on_one = match (next, clear_next) {
                (Some(day), _) => Some(Some(ctx.upcoming_day(&day)?)),
                (None, true) => Some(None),
                (None, false) => None,
            };
            let change = PersonChange {
                name: new_name,
                role,
                call,
                strengths: (!strengths.is_empty()).then_some(strengths),
                cadence_days: every.map(Some),
                next_one_on_one,
                make_current: current,
                relation: relation.as_deref().map(str::parse).transpose()?,
                archived: match (archive, unarchive) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                profile: profile.into_change()?,
            };
            if change == PersonChange::default() {
                return Err(Failure::usage(
                    "nothing to change: give at least one of --name, --role, --call, --strength, --every, --next-1on1, --clear-next, --current, --relation, --archive, --unarchive, --goal, --pressure, --blind-spot, --style, --detail, --big-picture, --bad-news, --channel, --needs",
                ));
            }
            let person = store
                .people_mut()
                .update_person(person.id, &change, ctx.today, ctx.now)?;
            say!("updated {}", shown_line(&person.name));
            Ok(())
        }
        PersonCommand::Show { .. } => Ok(()),
    }
}

pub fn kind(cmd: KindCommand, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match cmd {
        KindCommand::Add { name, category } => {
            let category: Category = category.parse()?;
            let kind = store.people_mut().add_kind(&name, category)?;
            print_line(kind.id)?;
            say!("added kind {} ({})", kind.name, kind.category);
            Ok(())
        }
        KindCommand::List { json } => {
            let kinds = store.people().kinds()?;
            if json {
                return print_json(&kinds);
            }
            for k in kinds {
                let origin = if k.builtin { "built in" } else { "yours" };
                print_line(format_args!("{:<12}  {:<9}  {origin}", k.name, k.category))?;
            }
            Ok(())
        }
    }
}
