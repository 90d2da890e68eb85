import { Link } from '../app/router';

/** What a page for signed-in staff shows to a visitor who is not signed in: its title, and why and where to sign in. */
export function SignInFirst({ title, why }: { title: string; why: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to="/masuk">{why}</Link>
      </p>
    </>
  );
}
