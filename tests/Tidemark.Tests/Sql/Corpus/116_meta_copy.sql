\copy t from 'x.csv' csv
