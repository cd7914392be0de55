-- switch database
\c mydb
