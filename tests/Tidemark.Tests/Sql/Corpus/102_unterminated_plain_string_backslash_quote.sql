SELECT 'it\'s';
