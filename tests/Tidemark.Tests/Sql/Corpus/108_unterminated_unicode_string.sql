SELECT U&'abc
