const token = localStorage.getItem("access_token");
const headers = token ? { Authorization: `Bearer ${token}` } : {};
