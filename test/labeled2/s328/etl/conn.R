library(DBI)
con <- dbConnect(odbc::odbc(), .connection_string = "Driver={ODBC Driver 18 for SQL Server};Server=tcp:acme.database.windows.net,1433;Database=dw;Uid=etl;Pwd=«A14»;Encrypt=yes;")
