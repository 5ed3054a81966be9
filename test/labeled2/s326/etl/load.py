import psycopg2

conn = psycopg2.connect(host="db.prod.acme.io", dbname="dw", user="etl", password="«A13»")
