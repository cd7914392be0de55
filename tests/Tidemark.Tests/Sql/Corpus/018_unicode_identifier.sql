SELECT 1 AS U&"d!0061;t" UESCAPE '!', 2 AS u&"x""y";
