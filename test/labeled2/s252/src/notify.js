const axios = require('axios');

async function notify(text) {
  await axios.post('Server=tcp:acme-sql.database.windows.net,1433;Database=shop;User ID=shopadmin;Password=«A14»9!;Encrypt=True;', { text });
}

module.exports = { notify };
