SELECT N'x;y', n'z';
