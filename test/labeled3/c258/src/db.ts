const url = `postgres://${user}:${encodeURIComponent(password)}@${host}/app`;
