//! Styles in one place, so `NO_COLOR` turns every colour off while the
//! selection stays visible through reverse and bold.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

use crate::domain::Category;

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

    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn quality(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn label(&self) -> Style {
        self.fg(Color::Cyan)
    }

    /// Each category's colour in charts and legends.
    pub fn category(&self, category: Category) -> Style {
        self.fg(match category {
            Category::Formal => Color::Yellow,
            Category::Informal => Color::Green,
            Category::Ask => Color::Magenta,
            Category::Update => Color::Cyan,
            Category::Feedback => Color::Blue,
            Category::Note => Color::Gray,
            Category::Work => Color::LightGreen,
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

    /// Red for a poor average quality, through yellow, to green.
    pub fn quality_shade(&self, average: Option<f64>) -> Style {
        match average {
            None => self.dim(),
            Some(q) if q < 2.5 => self.fg(Color::Red),
            Some(q) if q < 3.5 => self.fg(Color::Yellow),
            Some(_) => self.fg(Color::Green),
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
