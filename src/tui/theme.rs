//! Styles in one place, so `NO_COLOR` turns every colour off while the
//! selection stays visible through reverse and bold.
//!
//! On the charts each colour means one thing: green, yellow and red are
//! the judgement scale only (how well it went, how close a cadence is to its
//! target: good, fair, poor); the categories of interaction take the other
//! hues (blues, magentas, cyan, grey), so green is never "informal" in one
//! chart and "went well" in the next. Nothing is told by colour alone: every
//! chart also differs by glyph or by words.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::domain::Category;
use crate::insights::CadenceStatus;

/// The judgement scale's three colours.
const GOOD: Color = Color::Green;
const FAIR: Color = Color::Yellow;
const POOR: Color = Color::Red;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn brand(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn tab_active(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// A key in a hint line: bold, no colour, since yellow (like green
    /// and red) means only a judgement.
    pub fn key(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(GOOD)
    }

    pub fn error(&self) -> Style {
        self.fg(POOR).add_modifier(Modifier::BOLD)
    }

    /// A rating's dots, coloured by the judgement scale: a 5 is good, a 3
    /// fair, a 1 poor.
    pub fn quality(&self, score: Option<u8>) -> Style {
        self.quality_shade(score.map(f64::from))
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Each category's colour in charts and legends: never a colour of the
    /// judgement scale (green, yellow, red).
    pub fn category(&self, category: Category) -> Style {
        self.fg(match category {
            Category::Formal => Color::LightBlue,
            Category::Informal => Color::Magenta,
            Category::Ask => Color::Cyan,
            Category::Update => Color::Blue,
            Category::Feedback => Color::LightMagenta,
            Category::Note => Color::Gray,
            Category::Work => Color::White,
        })
    }

    /// Each category's glyph: with colour every bar is solid; without, the
    /// glyph alone tells the categories apart.
    pub fn category_glyph(&self, category: Category) -> &'static str {
        if self.color {
            return "█";
        }
        match category {
            Category::Formal => "█",
            Category::Informal => "▓",
            Category::Ask => "▒",
            Category::Update => "░",
            Category::Feedback => "▞",
            Category::Note => "·",
            Category::Work => "+",
        }
    }

    /// The judgement scale for a quality or check-in score (1–5): poor
    /// below 2.5, fair below 3.5, good from there.
    pub fn quality_shade(&self, average: Option<f64>) -> Style {
        match average {
            None => self.dim(),
            Some(q) if q < 2.5 => self.fg(POOR),
            Some(q) if q < 3.5 => self.fg(FAIR),
            Some(_) => self.fg(GOOD),
        }
    }

    /// The judgement scale for time since the last one against its target:
    /// on track good, nearly due fair, overdue poor.
    pub fn cadence(&self, status: CadenceStatus) -> Style {
        match status {
            CadenceStatus::OnTrack => self.fg(GOOD),
            CadenceStatus::DueSoon => self.fg(FAIR),
            CadenceStatus::Overdue => self.fg(POOR).add_modifier(Modifier::BOLD),
            CadenceStatus::NoTarget => self.dim(),
        }
    }

    pub fn is_color(&self) -> bool {
        self.color
    }

    pub fn block<'a>(&self, title: &'a str) -> Block<'a> {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_type(BorderType::Rounded)
            .border_style(self.dim());
        if title.is_empty() {
            block
        } else {
            block.title(format!(" {title} "))
        }
    }

    /// A pane's block: its border lit while the keys go to it.
    pub fn pane<'a>(&self, title: &'a str, focused: bool) -> Block<'a> {
        let block = self.block(title);
        if focused {
            block.border_style(self.accent())
        } else {
            block
        }
    }
}
