SELECT /* ; */ 1;
