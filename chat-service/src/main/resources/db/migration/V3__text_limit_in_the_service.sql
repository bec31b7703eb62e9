-- The 4,000-character limit on message text is the contract's (contracts/Limits.java) and is checked by the
-- service before anything is stored; the column no longer repeats it. varchar to text needs no table rewrite.
alter table messages alter column text type text;
