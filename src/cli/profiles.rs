//! Know them, know yourself: `person show`, `me` and `expect` — the two
//! profiles and the expectations between you, for the shell.

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::output::{print_json, print_line};
use super::{CmdResult, Context, Failure, resolve_person};
use crate::domain::text::shown_line;
use crate::domain::{
    Expectation, ExpectationDraft, ExpectationState, Facet, HeldBy, Person, Profile, ProfileChange,
    ProfileItem, TakesIn,
};
use crate::store::Store;

/// The work-style flags `person set` and `me` share.
#[derive(Debug, Clone, Default, Args)]
pub struct StyleArgs {
    /// reader (wants it written before a meeting) or listener (talked through)
    #[arg(long, value_name = "reader|listener")]
    pub style: Option<String>,
    /// Prefers the detail
    #[arg(long, conflicts_with = "big_picture")]
    pub detail: bool,
    /// Prefers the big picture
    #[arg(long)]
    pub big_picture: bool,
}

impl StyleArgs {
    fn into_change(self, change: ProfileChange) -> Result<ProfileChange, Failure> {
        if let Some(style) = &self.style {
            style.parse::<TakesIn>()?;
        }
        let focus = match (self.detail, self.big_picture) {
            (true, _) => Some("detail".to_string()),
            (_, true) => Some("big_picture".to_string()),
            _ => None,
        };
        Ok(change
            .value(Facet::TakesIn, self.style)
            .value(Facet::Focus, focus))
    }
}

/// Their profile, as `person set` takes it.
#[derive(Debug, Clone, Default, Args)]
pub struct TheirProfileArgs {
    /// Replaces their current goals with these (repeat for several; the old
    /// ones stay in the history, the same ones are confirmed today)
    #[arg(long = "goal", value_name = "TEXT")]
    pub goals: Vec<String>,
    /// Replaces what presses on them: their manager, peers, the business
    #[arg(long = "pressure", value_name = "TEXT")]
    pub pressures: Vec<String>,
    /// Replaces their weaknesses and blind spots (private notes)
    #[arg(long = "blind-spot", value_name = "TEXT")]
    pub blind_spots: Vec<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// How they like to hear bad news
    #[arg(long, value_name = "TEXT")]
    pub bad_news: Option<String>,
    /// Their best channel and time, e.g. "Slack DM, mornings"
    #[arg(long, value_name = "TEXT")]
    pub channel: Option<String>,
    /// What they need from you ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub needs: Option<String>,
}

impl TheirProfileArgs {
    pub fn into_change(self) -> Result<ProfileChange, Failure> {
        let change = ProfileChange::default()
            .list(Facet::Goal, self.goals)
            .list(Facet::Pressure, self.pressures)
            .list(Facet::BlindSpot, self.blind_spots)
            .value(Facet::BadNews, self.bad_news)
            .value(Facet::Channel, self.channel)
            .value(Facet::Need, self.needs);
        self.style.into_change(change)
    }
}

/// `rapport me`: your own profile.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MeArgs {
    #[command(subcommand)]
    pub command: Option<MeCommand>,
    /// Replaces your strengths with these (repeat for several)
    #[arg(long = "strength", value_name = "TEXT")]
    pub strengths: Vec<String>,
    /// Replaces your weaknesses: where their strengths can cover you
    #[arg(long = "weakness", value_name = "TEXT")]
    pub weaknesses: Vec<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// What you need from them ("" clears it)
    #[arg(long, value_name = "TEXT")]
    pub needs: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum MeCommand {
    /// Show your profile
    Show {
        /// Print it as a JSON object
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExpectCommand {
    /// Write down an expectation; it starts as assumed (a guess)
    Add {
        /// What is expected, e.g. "a written update every Friday"
        text: String,
        /// Who holds it: them (theirs of you) or me (yours of them)
        #[arg(long, value_name = "them|me")]
        held_by: String,
        /// The person (default: the current manager)
        #[arg(long, value_name = "PERSON")]
        with: Option<String>,
    },
    /// List expectations, theirs of you first
    List {
        /// Only those with this person (default: everyone)
        #[arg(long, value_name = "PERSON")]
        with: Option<String>,
        /// Include dropped ones
        #[arg(long)]
        all: bool,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// You agreed on it together today
    Agree { id: i64 },
    /// You talked about it and it is still not clear
    Unclear { id: i64 },
    /// Drop it (kept, out of lists)
    Drop { id: i64 },
}

pub fn show_person(name: &str, json: bool, ctx: &Context) -> CmdResult {
    let store = ctx.open_store()?;
    let person = store.people().person_named(name)?;
    let profile = store.profiles().profile(Some(person.id))?;
    let expectations = store.profiles().expectations(Some(person.id), false)?;
    if json {
        let history = store.profiles().profile_history(Some(person.id))?;
        let mut value = serde_json::to_value(&person).map_err(anyhow::Error::from)?;
        if let Value::Object(map) = &mut value {
            map.insert("profile".into(), profile_json(&profile, true));
            map.insert("expectations".into(), json!(expectations));
            map.insert("history".into(), json!(history));
        }
        return print_json(&value);
    }
    print_person(&person, &profile, &expectations, ctx.today)
}

fn items_json(profile: &Profile, facet: Facet) -> Value {
    json!(profile.list(facet).collect::<Vec<&ProfileItem>>())
}

/// Named lists and values: what a script wants to read.
fn profile_json(profile: &Profile, of_them: bool) -> Value {
    let value = |facet| json!(profile.value(facet));
    let mut out = json!({
        "style": {
            "takes_in": value(Facet::TakesIn),
            "focus": value(Facet::Focus),
        },
        "needs": value(Facet::Need),
    });
    if let Value::Object(map) = &mut out {
        if of_them {
            map.insert("goals".into(), items_json(profile, Facet::Goal));
            map.insert("pressures".into(), items_json(profile, Facet::Pressure));
            map.insert("blind_spots".into(), items_json(profile, Facet::BlindSpot));
            if let Some(Value::Object(style)) = map.get_mut("style") {
                style.insert("bad_news".into(), value(Facet::BadNews));
                style.insert("channel".into(), value(Facet::Channel));
            }
        } else {
            map.insert("strengths".into(), items_json(profile, Facet::Strength));
            map.insert("weaknesses".into(), items_json(profile, Facet::Weakness));
        }
    }
    out
}

fn dated_list(label: &str, items: Vec<&ProfileItem>, today: NaiveDate) -> CmdResult {
    if items.is_empty() {
        return print_line(format_args!("{label:<14} —"));
    }
    for (i, item) in items.iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        let age = today.signed_duration_since(item.confirmed_on).num_days();
        let stale = if age > crate::domain::profile::STALE_DAYS {
            "  (stale)"
        } else {
            ""
        };
        print_line(format_args!(
            "{label:<14} {}  [{}]{stale}",
            shown_line(&item.text),
            item.confirmed_on
        ))?;
    }
    Ok(())
}

fn value_line(label: &str, value: Option<&str>) -> CmdResult {
    print_line(format_args!(
        "{label:<14} {}",
        value.map_or_else(|| "—".to_string(), shown_line)
    ))
}

fn print_person(
    person: &Person,
    profile: &Profile,
    expectations: &[Expectation],
    today: NaiveDate,
) -> CmdResult {
    let role = if person.role.is_empty() {
        String::new()
    } else {
        format!(" — {}", shown_line(&person.role))
    };
    let current = if person.is_current {
        "  (current manager)"
    } else {
        ""
    };
    print_line(format_args!("{}{role}{current}", shown_line(&person.name)))?;
    dated_list("goals", profile.list(Facet::Goal).collect(), today)?;
    dated_list("pressures", profile.list(Facet::Pressure).collect(), today)?;
    value_line(
        "strengths",
        (!person.strengths.is_empty())
            .then(|| person.strengths.join("; "))
            .as_deref(),
    )?;
    dated_list(
        "blind spots",
        profile.list(Facet::BlindSpot).collect(),
        today,
    )?;
    value_line("style", profile.style_words().as_deref())?;
    value_line("bad news", profile.value(Facet::BadNews))?;
    value_line("channel", profile.value(Facet::Channel))?;
    value_line("needs from you", profile.value(Facet::Need))?;
    print_line("expectations")?;
    if expectations.is_empty() {
        print_line("  none yet: `rapport expect add TEXT --held-by them|me`")?;
    }
    for e in expectations {
        print_line(expectation_line(e))?;
    }
    Ok(())
}

fn expectation_line(e: &Expectation) -> String {
    let holder = match e.held_by {
        HeldBy::Them => "theirs",
        HeldBy::Me => "mine  ",
    };
    let confirmed = e.confirmed_on.map_or_else(
        || "never confirmed".to_string(),
        |d| format!("confirmed {d}"),
    );
    format!(
        "{:>4}  {holder}  {:<8} {:<20} {}",
        e.id,
        e.state.as_str(),
        confirmed,
        shown_line(&e.text)
    )
}

pub fn me(args: MeArgs, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    if let Some(MeCommand::Show { json }) = args.command {
        let profile = store.profiles().profile(None)?;
        if json {
            return print_json(&profile_json(&profile, false));
        }
        return print_me(&profile, ctx.today);
    }
    let change = ProfileChange::default()
        .list(Facet::Strength, args.strengths)
        .list(Facet::Weakness, args.weaknesses)
        .value(Facet::Need, args.needs);
    let change = args.style.into_change(change)?;
    if change.is_empty() {
        return Err(Failure::usage(
            "nothing to change: give --strength, --weakness, --style, --detail, --big-picture or --needs; `rapport me show` shows your profile",
        ));
    }
    store
        .profiles_mut()
        .change_profile(None, &change, ctx.today)?;
    say!("updated your profile");
    Ok(())
}

fn print_me(profile: &Profile, today: NaiveDate) -> CmdResult {
    dated_list("strengths", profile.list(Facet::Strength).collect(), today)?;
    dated_list("weaknesses", profile.list(Facet::Weakness).collect(), today)?;
    value_line("style", profile.style_words().as_deref())?;
    value_line("needs", profile.value(Facet::Need))
}

pub fn expect(cmd: ExpectCommand, ctx: &Context) -> CmdResult {
    let mut store = ctx.open_store()?;
    match cmd {
        ExpectCommand::Add {
            text,
            held_by,
            with,
        } => {
            let held_by: HeldBy = held_by.parse()?;
            let person = resolve_person(&store, with.as_deref())?;
            let draft = ExpectationDraft {
                person_id: person.id,
                text,
                held_by,
            };
            let e = store
                .profiles_mut()
                .add_expectation(&draft, ctx.today, ctx.now)?;
            print_line(e.id)?;
            say!(
                "added an assumed expectation; `rapport expect agree {}` once you have agreed it with {}",
                e.id,
                shown_line(&person.name)
            );
            Ok(())
        }
        ExpectCommand::List { with, all, json } => {
            let person_id = match with {
                Some(name) => Some(store.people().person_named(&name)?.id),
                None => None,
            };
            let list = store.profiles().expectations(person_id, all)?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                say!("no expectations yet: `rapport expect add TEXT --held-by them|me`");
            }
            for e in &list {
                let dropped = if e.dropped_on.is_some() {
                    "  (dropped)"
                } else {
                    ""
                };
                print_line(format_args!("{}{dropped}", expectation_line(e)))?;
            }
            Ok(())
        }
        ExpectCommand::Agree { id } => set_state(&mut store, id, ExpectationState::Agreed, ctx),
        ExpectCommand::Unclear { id } => set_state(&mut store, id, ExpectationState::Unclear, ctx),
        ExpectCommand::Drop { id } => {
            let e = store
                .profiles_mut()
                .drop_expectation(id, ctx.today, ctx.now)?;
            say!("dropped “{}”", shown_line(&e.text));
            Ok(())
        }
    }
}

fn set_state(store: &mut Store, id: i64, state: ExpectationState, ctx: &Context) -> CmdResult {
    let e = store
        .profiles_mut()
        .set_expectation_state(id, state, ctx.today, ctx.now)?;
    say!("“{}” is now {}", shown_line(&e.text), e.state.as_str());
    Ok(())
}
