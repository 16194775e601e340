-- Agents' feeds are pruned by age (parley.chat.agent-feed-retention): the oldest events are found by time.
create index agent_feed_at_idx on agent_feed (at);
