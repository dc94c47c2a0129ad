-- Who each person is to you: which of the coach's rules apply to them.
ALTER TABLE person ADD COLUMN relation TEXT NOT NULL DEFAULT 'manager'
    CHECK (relation IN ('manager', 'skip_level', 'mentor', 'peer'));
