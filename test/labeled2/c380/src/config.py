DSN = "postgresql://%(user)s:%(password)s@%(host)s/%(db)s"
