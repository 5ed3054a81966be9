con <- dbConnect(odbc::odbc(), .connection_string = "Driver={ODBC Driver 18 for SQL Server};Server=localhost;Database=dw;Trusted_Connection=yes;")
