FLAGS = {
    "sk_live_mode_enabled": True,
    "xoxb_migration_done": False,
}
