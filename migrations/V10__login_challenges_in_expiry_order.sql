-- Challenges now start with their expiry (see ChallengeSeal), so the used ones are kept in expiry order by their key
-- alone and expire as a range of it: the expiry index goes, and each login writes one B-tree, at its end. Challenges
-- of the layout before are sealed under another key and no longer accepted, so the rows kept for them go too (an
-- instance still running the code before, during an upgrade, could take a challenge it issued once more within the
-- 60 seconds its login event is good for; upgrade instances together).
DROP INDEX login_challenges_expires_ix;
DELETE FROM login_challenges;
