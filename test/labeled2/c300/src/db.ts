export const url = `postgres://${user}:${password}@${host}:5432/${db}`;
