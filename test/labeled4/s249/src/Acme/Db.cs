var builder = new NpgsqlConnectionStringBuilder
{
    Host = "db.internal",
    Username = "app",
    Password = "«A14»«d3»",
};
