CREATE PROCEDURE p_keep(a int) LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'changed %', a; END $$;
CREATE PROCEDURE p_new(INOUT r int) LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN r := r * 2; END $$;
