SELECT /* outer /* inner ; */ still comment ; */ 1;
SELECT 2;
